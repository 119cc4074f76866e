package org.pyselect4j.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeLibraryTest {
    @Test
    void normalizesArchitectureNames() {
        assertEquals("linux-x86_64", NativeLibrary.platformFolder("Linux", "amd64"));
        assertEquals("linux-x86_64", NativeLibrary.platformFolder("Linux", "x86_64"));
        assertEquals("linux-aarch64", NativeLibrary.platformFolder("Linux", "aarch64"));
        assertEquals("linux-aarch64", NativeLibrary.platformFolder("Linux", "arm64"));
    }

    @Test
    void unsupportedPlatformNamesItAndTheSupportedOnes() {
        UnsatisfiedLinkError windows = assertThrows(UnsatisfiedLinkError.class,
                () -> NativeLibrary.platformFolder("Windows 11", "amd64"));
        assertTrue(windows.getMessage().contains("Windows 11/amd64"), windows.getMessage());
        assertTrue(windows.getMessage().contains("linux-x86_64, linux-aarch64"), windows.getMessage());

        UnsatisfiedLinkError riscv = assertThrows(UnsatisfiedLinkError.class,
                () -> NativeLibrary.platformFolder("Linux", "riscv64"));
        assertTrue(riscv.getMessage().contains("Linux/riscv64"), riscv.getMessage());
    }

    @Test
    void loadsFromTheClasspathOnce() {
        NativeLibrary.load();
        NativeLibrary.load();
        assertEquals("Bad file descriptor", Native.strerror(9));
    }

    @Test
    void theLibraryBindsEveryNativeMethodFromItsTable() {
        NativeLibrary.load();
        int declared = NativeLibrary.nativeMethodCount();
        assertNull(Native.bindingProblem(declared));
        // What load() would report for a Java side that declares one more than the library binds.
        String mismatch = Native.bindingProblem(declared + 1);
        assertTrue(mismatch.contains("declares " + (declared + 1) + " native methods, the library binds " + declared),
                mismatch);
    }
}
