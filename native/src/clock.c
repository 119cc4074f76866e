#include <pthread.h>
#include <time.h>

#include "internal.h"

/* A timespec travels to Java as two int64_t: sec, nsec. */
static jint store_timespec(int rc, jlong address, const struct timespec *time)
{
    if (rc < 0)
        return -errno;
    int64_t *out = to_pointer(address);
    out[0] = time->tv_sec;
    out[1] = time->tv_nsec;
    return 0;
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(clockGettime)(JNIEnv *env, jclass cls, jint clockid, jlong time)
{
    (void)env, (void)cls;
    struct timespec now;
    return store_timespec(clock_gettime(clockid, &now), time, &now);
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(clockGetres)(JNIEnv *env, jclass cls, jint clockid, jlong resolution)
{
    (void)env, (void)cls;
    struct timespec value;
    return store_timespec(clock_getres(clockid, &value), resolution, &value);
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(clockSettime)(JNIEnv *env, jclass cls, jint clockid, jlong sec, jlong nsec)
{
    (void)env, (void)cls;
    struct timespec time = { .tv_sec = sec, .tv_nsec = nsec };
    return result_or_errno(clock_settime(clockid, &time));
}

/*
 * pthread_getcpuclockid(3) of the calling thread. It takes no thread: a
 * pthread_t is a pointer that glibc dereferences, so a value coming from the
 * caller could crash the process. A thread's clock id is negative, so it
 * travels as one int64_t at clockid; the function returns an error number
 * instead of setting errno.
 */
JNIEXPORT jint JNICALL PYSELECT4J_FN(pthreadSelfGetcpuclockid)(JNIEnv *env, jclass cls, jlong clockid)
{
    (void)env, (void)cls;
    clockid_t id;
    int error = pthread_getcpuclockid(pthread_self(), &id);
    if (error != 0)
        return -error;
    *(int64_t *)to_pointer(clockid) = id;
    return 0;
}
