#include <sys/timerfd.h>

#include "internal.h"

/* An itimerspec travels to Java as four int64_t: initial sec, nsec, interval sec, nsec. */
static void store_itimerspec(jlong address, const struct itimerspec *spec)
{
    int64_t *out = to_pointer(address);
    out[0] = spec->it_value.tv_sec;
    out[1] = spec->it_value.tv_nsec;
    out[2] = spec->it_interval.tv_sec;
    out[3] = spec->it_interval.tv_nsec;
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(timerfdCreate)(JNIEnv *env, jclass cls, jint clockid, jint flags)
{
    (void)env, (void)cls;
    return result_or_errno(timerfd_create(clockid, flags));
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(timerfdSettime)(JNIEnv *env, jclass cls, jint fd, jint flags,
                                                     jlong initialSec, jlong initialNsec,
                                                     jlong intervalSec, jlong intervalNsec, jlong oldValue)
{
    (void)env, (void)cls;
    struct itimerspec new_spec = {
        .it_value = { .tv_sec = initialSec, .tv_nsec = initialNsec },
        .it_interval = { .tv_sec = intervalSec, .tv_nsec = intervalNsec },
    };
    struct itimerspec old_spec;
    if (timerfd_settime(fd, flags, &new_spec, &old_spec) < 0)
        return -errno;
    store_itimerspec(oldValue, &old_spec);
    return 0;
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(timerfdGettime)(JNIEnv *env, jclass cls, jint fd, jlong value)
{
    (void)env, (void)cls;
    struct itimerspec spec;
    if (timerfd_gettime(fd, &spec) < 0)
        return -errno;
    store_itimerspec(value, &spec);
    return 0;
}
