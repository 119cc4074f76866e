/*
 * Binds the native methods of org.pyselect4j.jni.Native to their C functions,
 * from one table, as the library loads: a method whose name or signature
 * differs on the two sides is found then (NativeLibrary reports it), not at
 * its first call.
 */
#include <stdio.h>

#include "internal.h"

#define NATIVE_CLASS "org/pyselect4j/jni/Native"
#define METHOD(name, signature) { #name, signature, (void *)PYSELECT4J_FN(name) }

static const JNINativeMethod methods[] = {
    METHOD(bindingProblem, "(I)Ljava/lang/String;"),
    METHOD(address, "(Ljava/nio/ByteBuffer;)J"),
    METHOD(strerror, "(I)Ljava/lang/String;"),
    METHOD(constantNames, "()Ljava/lang/String;"),
    METHOD(constantValues, "(JI)I"),
    METHOD(epollCreate, "(I)I"),
    METHOD(epollCtl, "(IIII)I"),
    METHOD(epollWait, "(IJII)I"),
    METHOD(poll, "(JII)I"),
    METHOD(selectFds, "(JIIIJJ)I"),
    METHOD(timerfdCreate, "(II)I"),
    METHOD(timerfdSettime, "(IIJJJJJ)I"),
    METHOD(timerfdGettime, "(IJ)I"),
    METHOD(eventfdCreate, "(II)I"),
    METHOD(eventfdSignal, "(I)I"),
    METHOD(eventfdDrain, "(I)I"),
    METHOD(pidfdOpen, "(II)I"),
    METHOD(setThreadNice, "(II)I"),
    METHOD(exitNow, "(I)V"),
    METHOD(clockGettime, "(IJ)I"),
    METHOD(clockGetres, "(IJ)I"),
    METHOD(clockSettime, "(IJJ)I"),
    METHOD(pthreadSelfGetcpuclockid, "(J)I"),
    METHOD(close, "(I)I"),
    METHOD(getFdFlags, "(I)I"),
    METHOD(getStatusFlags, "(I)I"),
    METHOD(pipe2, "(JI)I"),
    METHOD(read, "(IJI)I"),
    METHOD(write, "(IJI)I"),
    METHOD(signalSetNotifyFd, "(I)V"),
    METHOD(signalSetWaiterFd, "(JI)V"),
    METHOD(signalHandle, "(IZ)I"),
    METHOD(signalRestore, "(I)I"),
    METHOD(signalTakePending, "()J"),
    METHOD(signalSetWakeupFd, "(IZ)I"),
    METHOD(signalTakeWakeupError, "()I"),
    METHOD(signalRaise, "(I)I"),
    METHOD(signalIsIgnored, "(I)I"),
};

#define METHOD_COUNT ((jint)(sizeof methods / sizeof methods[0]))

/* What went wrong at load, for bindingProblem; empty when every method was bound. */
static char problem[256];

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK)
        return JNI_ERR;
    jclass native = (*env)->FindClass(env, NATIVE_CLASS);
    if (native == NULL)
        return JNI_ERR; /* FindClass's NoClassDefFoundError is pending: the load fails with it */
    /* One at a time, so that a failure names its method. */
    for (jint i = 0; i < METHOD_COUNT; i++) {
        if ((*env)->RegisterNatives(env, native, &methods[i], 1) != JNI_OK) {
            (*env)->ExceptionClear(env);
            snprintf(problem, sizeof problem, "the library's %s%s is not a native method of %s",
                     methods[i].name, methods[i].signature, NATIVE_CLASS);
            break;
        }
    }
    return JNI_VERSION_1_8;
}

/*
 * NULL when the table bound every native method: all its entries were
 * registered and Java declares as many (the names are unique, there are no
 * overloads); else what differs.
 */
JNIEXPORT jstring JNICALL PYSELECT4J_FN(bindingProblem)(JNIEnv *env, jclass cls, jint javaNativeMethods)
{
    (void)cls;
    if (problem[0] != '\0')
        return (*env)->NewStringUTF(env, problem);
    if (javaNativeMethods == METHOD_COUNT)
        return NULL;
    char mismatch[256];
    snprintf(mismatch, sizeof mismatch, "%s declares %d native methods, the library binds %d", NATIVE_CLASS,
             (int)javaNativeMethods, (int)METHOD_COUNT);
    return (*env)->NewStringUTF(env, mismatch);
}
