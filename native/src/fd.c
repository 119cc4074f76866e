#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

#include "internal.h"

JNIEXPORT jint JNICALL PYSELECT4J_FN(close)(JNIEnv *env, jclass cls, jint fd)
{
    (void)env, (void)cls;
    return result_or_errno(close(fd));
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(getFdFlags)(JNIEnv *env, jclass cls, jint fd)
{
    (void)env, (void)cls;
    return result_or_errno(fcntl(fd, F_GETFD));
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(getStatusFlags)(JNIEnv *env, jclass cls, jint fd)
{
    (void)env, (void)cls;
    return result_or_errno(fcntl(fd, F_GETFL));
}

/* Writes the read end, then the write end, as two ints at fds. */
JNIEXPORT jint JNICALL PYSELECT4J_FN(pipe2)(JNIEnv *env, jclass cls, jlong fds, jint flags)
{
    (void)env, (void)cls;
    return result_or_errno(pipe2(to_pointer(fds), flags));
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(read)(JNIEnv *env, jclass cls, jint fd, jlong buffer, jint length)
{
    (void)env, (void)cls;
    if (length < 0)
        return -EINVAL;
    return result_or_errno(read(fd, to_pointer(buffer), (size_t)length));
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(write)(JNIEnv *env, jclass cls, jint fd, jlong buffer, jint length)
{
    (void)env, (void)cls;
    if (length < 0)
        return -EINVAL;
    return result_or_errno(write(fd, to_pointer(buffer), (size_t)length));
}
