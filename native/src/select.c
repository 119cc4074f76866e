#include <sys/select.h>

#include "internal.h"

/* A negative timeout waits without limit (NULL timeval). */
JNIEXPORT jint JNICALL PYSELECT4J_FN(select)(JNIEnv *env, jclass cls, jint nfds, jlong readSet, jlong writeSet,
                                             jlong exceptSet, jlong timeoutUs)
{
    (void)env, (void)cls;
    struct timeval timeout = { .tv_sec = timeoutUs / 1000000, .tv_usec = timeoutUs % 1000000 };
    return result_or_errno(select(nfds, to_pointer(readSet), to_pointer(writeSet), to_pointer(exceptSet),
                                  timeoutUs < 0 ? NULL : &timeout));
}

/* FD_SET and FD_ISSET write out of bounds for fds outside the set: refuse them. */
static int fits_fd_set(jint fd)
{
    return fd >= 0 && fd < FD_SETSIZE;
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(fdSetAdd)(JNIEnv *env, jclass cls, jlong set, jint fd)
{
    (void)env, (void)cls;
    if (!fits_fd_set(fd))
        return -EINVAL;
    FD_SET(fd, (fd_set *)to_pointer(set));
    return 0;
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(fdSetContains)(JNIEnv *env, jclass cls, jlong set, jint fd)
{
    (void)env, (void)cls;
    if (!fits_fd_set(fd))
        return -EINVAL;
    return FD_ISSET(fd, (fd_set *)to_pointer(set)) ? 1 : 0;
}
