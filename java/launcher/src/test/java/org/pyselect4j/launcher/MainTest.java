package org.pyselect4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PYSELECT4J_JIT_DELAY, as Main reads it. */
class MainTest {
    @Test
    void jitDelayInSecondsUnsetMeansNone() {
        assertEquals(Duration.ZERO, Main.jitDelay(null));
        assertEquals(Duration.ZERO, Main.jitDelay(""));
        assertEquals(Duration.ofSeconds(2), Main.jitDelay("2"));
        assertEquals(Duration.ofMillis(250), Main.jitDelay(" 0.25 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "two", "NaN", "Infinity", "86401"})
    void jitDelayOutsideZeroToADayIsRefusedByName(String value) {
        String message = assertThrows(IllegalArgumentException.class, () -> Main.jitDelay(value)).getMessage();
        assertEquals("PYSELECT4J_JIT_DELAY is a number of seconds from 0 to 86400, not '" + value + "'", message);
    }
}
