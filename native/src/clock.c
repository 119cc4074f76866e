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
