/*
 * What a timer's expiry costs the program it interrupts, as a function of how
 * much memory that program touches (bench/README.md, "Timer expiries").
 *
 *   gcc -O2 -o /tmp/timer_interrupts bench/timer_interrupts.c
 *   /tmp/timer_interrupts TIMERS MIB LINES
 *
 * Arms TIMERS timerfds one after the other, reading LINES random cache lines
 * of a MIB MiB buffer before each arming (the program's own work), twice: once
 * with each timer 1 ms ahead, so that one expires (an interrupt on this CPU)
 * per iteration while the loop goes on, and once 1000 s ahead, so that none
 * does. Prints microseconds per iteration of both, three rounds after one
 * unreported. The difference is what the expiries cost the loop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static double seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec + now.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s TIMERS MIB LINES\n", argv[0]);
        return 2;
    }
    int timers = atoi(argv[1]);
    size_t size = (size_t) atol(argv[2]) << 20;
    int lines = atoi(argv[3]);
    char *buffer = malloc(size > 0 ? size : 1);
    int *fds = malloc(timers * sizeof *fds);
    if (buffer == NULL || fds == NULL) {
        perror("malloc");
        return 1;
    }
    for (size_t at = 0; at < size; at += 4096) {
        buffer[at] = 1;  /* resident before the first round */
    }
    for (int i = 0; i < timers; i++) {
        fds[i] = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
        if (fds[i] < 0) {
            perror("timerfd_create (raise the open-files limit?)");
            return 1;
        }
    }
    unsigned long random_state = 1;
    volatile long sink = 0;
    const struct itimerspec one_ms = {{0, 0}, {0, 1000000}}, far_away = {{0, 0}, {1000, 0}}, disarmed = {{0, 0}, {0, 0}};
    for (int round = 0; round < 4; round++) {
        for (int far = 0; far < 2; far++) {
            double start = seconds_now();
            for (int i = 0; i < timers; i++) {
                for (int line = 0; line < lines && size > 0; line++) {
                    random_state = random_state * 6364136223846793005UL + 1442695040888963407UL;
                    sink += buffer[(random_state >> 17) % size];
                }
                timerfd_settime(fds[i], 0, far ? &far_away : &one_ms, NULL);
            }
            double elapsed = seconds_now() - start;
            for (int i = 0; i < timers; i++) {
                timerfd_settime(fds[i], 0, &disarmed, NULL);
            }
            usleep(20000);  /* the last 1 ms timers expire before the next loop */
            if (round > 0) {
                printf("%s %.2f us/iteration%s", far ? "1000 s ahead" : "1 ms ahead", elapsed / timers * 1e6,
                       far ? "\n" : ", ");
            }
        }
    }
    return 0;
}
