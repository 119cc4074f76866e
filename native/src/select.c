#include <string.h>
#include <sys/select.h>

#include "internal.h"

/*
 * select(2) over descriptor lists, in one call: fds holds readCount int32
 * descriptors, then writeCount, then exceptCount; each is put in its set, and
 * once select returns, ready holds one byte per descriptor in the same order,
 * 1 where select reported it in that set, else 0. A negative timeout waits
 * without limit. -EINVAL before any call if a descriptor does not fit an
 * fd_set (FD_SET would write out of bounds).
 */
JNIEXPORT jint JNICALL PYSELECT4J_FN(selectFds)(JNIEnv *env, jclass cls, jlong fds, jint readCount, jint writeCount,
                                                jint exceptCount, jlong ready, jlong timeoutUs)
{
    (void)env, (void)cls;
    const jint *descriptors = to_pointer(fds);
    const jint counts[3] = { readCount, writeCount, exceptCount };
    fd_set sets[3];
    int nfds = 0;
    const jint *fd = descriptors;
    for (int set = 0; set < 3; set++) {
        if (counts[set] < 0)
            return -EINVAL;
        FD_ZERO(&sets[set]);
        for (jint i = 0; i < counts[set]; i++, fd++) {
            if (*fd < 0 || *fd >= FD_SETSIZE)
                return -EINVAL;
            FD_SET(*fd, &sets[set]);
            if (*fd >= nfds)
                nfds = *fd + 1;
        }
    }
    struct timeval timeout = { .tv_sec = timeoutUs / 1000000, .tv_usec = timeoutUs % 1000000 };
    int rc = select(nfds, &sets[0], &sets[1], &sets[2], timeoutUs < 0 ? NULL : &timeout);
    if (rc < 0)
        return -errno;
    unsigned char *flags = to_pointer(ready);
    fd = descriptors;
    for (int set = 0; set < 3; set++)
        for (jint i = 0; i < counts[set]; i++, fd++)
            *flags++ = rc > 0 && FD_ISSET(*fd, &sets[set]);
    return rc;
}
