#include <sys/epoll.h>

#include "internal.h"

JNIEXPORT jint JNICALL PYSELECT4J_FN(epollCreate)(JNIEnv *env, jclass cls, jint flags)
{
    (void)env, (void)cls;
    return result_or_errno(epoll_create1(flags));
}

/* The event carries fd itself as its data, so epollWait can report it. */
JNIEXPORT jint JNICALL PYSELECT4J_FN(epollCtl)(JNIEnv *env, jclass cls, jint epfd, jint op, jint fd, jint events)
{
    (void)env, (void)cls;
    struct epoll_event event = { .events = (uint32_t)events, .data.fd = fd };
    return result_or_errno(epoll_ctl(epfd, op, fd, &event));
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(epollWait)(JNIEnv *env, jclass cls, jint epfd, jlong events, jint maxEvents,
                                                jint timeoutMs)
{
    (void)env, (void)cls;
    return result_or_errno(epoll_wait(epfd, to_pointer(events), maxEvents, timeoutMs));
}
