/*
 * The native methods of libpyselect4j, one per system call; registration.c
 * binds them to org.pyselect4j.jni.Native.
 *
 * Every function returns the system call's result, or -errno when it fails;
 * it never throws and never retries: EINTR handling, deadlines and the
 * mapping of errno to exceptions belong to the Java side.
 *
 * Memory is passed as a jlong address of native memory owned by Java (a direct
 * ByteBuffer). Results that do not fit in the return value are written there
 * as consecutive int64_t values, in the order documented on each function.
 *
 * The prototypes live here so that the compiler checks each definition
 * against them, and so that the C tests can call the functions directly.
 */
#ifndef PYSELECT4J_H
#define PYSELECT4J_H

#include <jni.h>

/* Not JNI's mangled names: the JVM finds these only through registration.c's table. */
#define PYSELECT4J_FN(name) pyselect4j_##name

/* registration.c */
JNIEXPORT jstring JNICALL PYSELECT4J_FN(bindingProblem)(JNIEnv *env, jclass cls, jint javaNativeMethods);

/* memory.c */
JNIEXPORT jlong JNICALL PYSELECT4J_FN(address)(JNIEnv *env, jclass cls, jobject directBuffer);

/* errno.c */
JNIEXPORT jstring JNICALL PYSELECT4J_FN(strerror)(JNIEnv *env, jclass cls, jint errnum);

/* constants.c */
JNIEXPORT jstring JNICALL PYSELECT4J_FN(constantNames)(JNIEnv *env, jclass cls);
JNIEXPORT jint JNICALL PYSELECT4J_FN(constantValues)(JNIEnv *env, jclass cls, jlong values, jint capacity);

/* epoll.c */
JNIEXPORT jint JNICALL PYSELECT4J_FN(epollCreate)(JNIEnv *env, jclass cls, jint flags);
JNIEXPORT jint JNICALL PYSELECT4J_FN(epollCtl)(JNIEnv *env, jclass cls, jint epfd, jint op, jint fd, jint events);
JNIEXPORT jint JNICALL PYSELECT4J_FN(epollWait)(JNIEnv *env, jclass cls, jint epfd, jlong events, jint maxEvents,
                                                jint timeoutMs);

/* poll.c */
JNIEXPORT jint JNICALL PYSELECT4J_FN(poll)(JNIEnv *env, jclass cls, jlong fds, jint nfds, jint timeoutMs);

/* select.c */
JNIEXPORT jint JNICALL PYSELECT4J_FN(selectFds)(JNIEnv *env, jclass cls, jlong fds, jint readCount, jint writeCount,
                                                jint exceptCount, jlong ready, jlong timeoutUs);

/* timerfd.c */
JNIEXPORT jint JNICALL PYSELECT4J_FN(timerfdCreate)(JNIEnv *env, jclass cls, jint clockid, jint flags);
JNIEXPORT jint JNICALL PYSELECT4J_FN(timerfdSettime)(JNIEnv *env, jclass cls, jint fd, jint flags,
                                                     jlong initialSec, jlong initialNsec,
                                                     jlong intervalSec, jlong intervalNsec, jlong oldValue);
JNIEXPORT jint JNICALL PYSELECT4J_FN(timerfdGettime)(JNIEnv *env, jclass cls, jint fd, jlong value);

/* eventfd.c */
JNIEXPORT jint JNICALL PYSELECT4J_FN(eventfdCreate)(JNIEnv *env, jclass cls, jint initval, jint flags);
JNIEXPORT jint JNICALL PYSELECT4J_FN(eventfdSignal)(JNIEnv *env, jclass cls, jint fd);
JNIEXPORT jint JNICALL PYSELECT4J_FN(eventfdDrain)(JNIEnv *env, jclass cls, jint fd);

/* pidfd.c */
JNIEXPORT jint JNICALL PYSELECT4J_FN(pidfdOpen)(JNIEnv *env, jclass cls, jint pid, jint flags);

/* process.c */
JNIEXPORT void JNICALL PYSELECT4J_FN(exitNow)(JNIEnv *env, jclass cls, jint status);

/* thread.c */
JNIEXPORT jint JNICALL PYSELECT4J_FN(setThreadNice)(JNIEnv *env, jclass cls, jint tid, jint nice);

/* clock.c */
JNIEXPORT jint JNICALL PYSELECT4J_FN(clockGettime)(JNIEnv *env, jclass cls, jint clockid, jlong time);
JNIEXPORT jint JNICALL PYSELECT4J_FN(clockGetres)(JNIEnv *env, jclass cls, jint clockid, jlong resolution);
JNIEXPORT jint JNICALL PYSELECT4J_FN(clockSettime)(JNIEnv *env, jclass cls, jint clockid, jlong sec, jlong nsec);
JNIEXPORT jint JNICALL PYSELECT4J_FN(pthreadSelfGetcpuclockid)(JNIEnv *env, jclass cls, jlong clockid);

/* fd.c */
JNIEXPORT jint JNICALL PYSELECT4J_FN(close)(JNIEnv *env, jclass cls, jint fd);
JNIEXPORT jint JNICALL PYSELECT4J_FN(getFdFlags)(JNIEnv *env, jclass cls, jint fd);
JNIEXPORT jint JNICALL PYSELECT4J_FN(getStatusFlags)(JNIEnv *env, jclass cls, jint fd);
JNIEXPORT jint JNICALL PYSELECT4J_FN(pipe2)(JNIEnv *env, jclass cls, jlong fds, jint flags);
JNIEXPORT jint JNICALL PYSELECT4J_FN(read)(JNIEnv *env, jclass cls, jint fd, jlong buffer, jint length);
JNIEXPORT jint JNICALL PYSELECT4J_FN(write)(JNIEnv *env, jclass cls, jint fd, jlong buffer, jint length);

/* signal.c */
JNIEXPORT void JNICALL PYSELECT4J_FN(signalSetNotifyFd)(JNIEnv *env, jclass cls, jint fd);
JNIEXPORT void JNICALL PYSELECT4J_FN(signalSetWaiterFd)(JNIEnv *env, jclass cls, jlong signals, jint fd);
JNIEXPORT jint JNICALL PYSELECT4J_FN(signalHandle)(JNIEnv *env, jclass cls, jint signum, jboolean restart);
JNIEXPORT jint JNICALL PYSELECT4J_FN(signalRestore)(JNIEnv *env, jclass cls, jint signum);
JNIEXPORT jlong JNICALL PYSELECT4J_FN(signalTakePending)(JNIEnv *env, jclass cls);
JNIEXPORT jint JNICALL PYSELECT4J_FN(signalSetWakeupFd)(JNIEnv *env, jclass cls, jint fd, jboolean warnOnFullBuffer);
JNIEXPORT jint JNICALL PYSELECT4J_FN(signalTakeWakeupError)(JNIEnv *env, jclass cls);
JNIEXPORT jint JNICALL PYSELECT4J_FN(signalRaise)(JNIEnv *env, jclass cls, jint signum);
JNIEXPORT jint JNICALL PYSELECT4J_FN(signalIsIgnored)(JNIEnv *env, jclass cls, jint signum);

#endif
