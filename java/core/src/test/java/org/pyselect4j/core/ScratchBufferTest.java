package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScratchBufferTest {
    @Test
    void reusedWithinAThreadButNeverLentTwice() {
        ScratchBuffer outer = ScratchBuffer.take(100);
        try (ScratchBuffer nested = ScratchBuffer.take(100)) {
            assertNotSame(outer, nested);
        }
        outer.close();
        try (ScratchBuffer again = ScratchBuffer.take(10)) {
            assertTrue(again == outer || again.buffer().capacity() >= outer.buffer().capacity());
        }
    }

    @Test
    void growsForLargeRequestsAndKeepsTheLargest() {
        ScratchBuffer large = ScratchBuffer.take(1 << 20);
        assertTrue(large.buffer().capacity() >= 1 << 20);
        large.close();
        try (ScratchBuffer small = ScratchBuffer.take(1)) {
            assertSame(large, small);
        }
    }
}
