#include <sys/eventfd.h>

#include "internal.h"

JNIEXPORT jint JNICALL PYSELECT4J_FN(eventfdCreate)(JNIEnv *env, jclass cls, jint initval, jint flags)
{
    (void)env, (void)cls;
    /* initval is an unsigned int that travels as a Java int. */
    return result_or_errno(eventfd((unsigned int)initval, flags));
}

/* Adds 1 to the counter, which makes the descriptor readable. */
JNIEXPORT jint JNICALL PYSELECT4J_FN(eventfdSignal)(JNIEnv *env, jclass cls, jint fd)
{
    (void)env, (void)cls;
    return result_or_errno(eventfd_write(fd, 1));
}

/* Resets the counter to 0; -EAGAIN when it was 0 already. */
JNIEXPORT jint JNICALL PYSELECT4J_FN(eventfdDrain)(JNIEnv *env, jclass cls, jint fd)
{
    (void)env, (void)cls;
    eventfd_t ignored;
    return result_or_errno(eventfd_read(fd, &ignored));
}
