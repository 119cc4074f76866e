/* The floor: the system calls behind each Python benchmark case, called from C.
 * Prints one JSON line per case with the median ns per operation.
 * Usage: floor ROUNDS ROUND_SECONDS TIMERS TIMER_INTERVAL_SECONDS
 * Case names match call_cost.py and timer_dispatch.py. The call-cost cases run
 * twice: alone ("threads": 1), then with a second thread asleep ("threads": 2).
 * A JVM always has other threads, and Linux looks a descriptor up faster while
 * no other thread shares the descriptor table: poll(2) and select(2) over 100
 * descriptors took 1.7x as long with a second thread asleep. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define READY_FD_COUNT 100

static void die(const char *what) { perror(what); exit(1); }

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One operation of a case; returns how many operations it counts as. */
typedef long (*operation_fn)(void);

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median ns per operation over `rounds` rounds of `round_seconds`, after one warm-up round. */
static double median_ns_per_operation(operation_fn operation, int rounds, double round_seconds) {
  double ns_per_round[64];
  if (rounds > 64) rounds = 64;
  for (int round = -1; round < rounds; round++) {
    long operations = 0;
    double start = now_seconds(), now = start;
    while (now - start < round_seconds) {
      for (int i = 0; i < 64; i++) operations += operation();
      now = now_seconds();
    }
    if (round >= 0) ns_per_round[round] = (now - start) * 1e9 / (operations ? operations : 1);
  }
  qsort(ns_per_round, rounds, sizeof ns_per_round[0], compare_doubles);
  return rounds % 2 ? ns_per_round[rounds / 2]
                    : (ns_per_round[rounds / 2 - 1] + ns_per_round[rounds / 2]) / 2;
}

/* How many threads this process has while it measures: 1, or 2 once the sleeper started. */
static int threads = 1;

static void report(const char *benchmark, const char *case_name, double ns_per_operation) {
  printf("{\"benchmark\": \"%s\", \"case\": \"%s\", \"interpreter\": \"C (gcc -O2)\", \"threads\": %d, "
         "\"ns_per_op\": %.1f, \"ops_per_second\": %.1f}\n",
         benchmark, case_name, threads, ns_per_operation, 1e9 / ns_per_operation);
  fflush(stdout);
}

static int idle_epoll_fd, ready_epoll_fd, scratch_epoll_fd, scratch_pipe_read_fd, timer_fd;
static int ready_read_fds[READY_FD_COUNT];
static struct pollfd ready_pollfds[READY_FD_COUNT];
static struct epoll_event events[READY_FD_COUNT];

static long epoll_poll_idle(void) { epoll_wait(idle_epoll_fd, events, READY_FD_COUNT, 0); return 1; }

static int one_ready_epoll_fd;

static long epoll_poll_1_ready_waiting(void) {
  if (epoll_wait(one_ready_epoll_fd, events, READY_FD_COUNT, 1000) != 1) die("epoll_wait");
  return 1;
}

static long epoll_poll_100_ready(void) {
  if (epoll_wait(ready_epoll_fd, events, READY_FD_COUNT, 0) != READY_FD_COUNT) die("epoll_wait");
  return 1;
}

static long poll_poll_100_ready(void) {
  if (poll(ready_pollfds, READY_FD_COUNT, 0) != READY_FD_COUNT) die("poll");
  return 1;
}

static long select_100_ready(void) {
  fd_set readable;
  int highest = 0;
  FD_ZERO(&readable); /* like Python's select: rebuild the set on every call */
  for (int i = 0; i < READY_FD_COUNT; i++) {
    FD_SET(ready_read_fds[i], &readable);
    if (ready_read_fds[i] > highest) highest = ready_read_fds[i];
  }
  struct timeval zero = {0, 0};
  if (select(highest + 1, &readable, NULL, NULL, &zero) != READY_FD_COUNT) die("select");
  return 1;
}

static long timerfd_settime_gettime(void) {
  struct itimerspec setting = {{0, 0}, {10, 0}}, current;
  if (timerfd_settime(timer_fd, 0, &setting, NULL) || timerfd_gettime(timer_fd, &current)) die("timerfd");
  return 1;
}

static long epoll_register_unregister(void) {
  struct epoll_event event = {.events = EPOLLIN, .data.fd = scratch_pipe_read_fd};
  if (epoll_ctl(scratch_epoll_fd, EPOLL_CTL_ADD, scratch_pipe_read_fd, &event) ||
      epoll_ctl(scratch_epoll_fd, EPOLL_CTL_DEL, scratch_pipe_read_fd, NULL))
    die("epoll_ctl");
  return 1;
}

static int dispatch_epoll_fd, dispatch_timer_count;
static struct epoll_event *dispatch_events;

/* One poll of the saturated timer loop; counts one operation per timer read. */
static long timer_dispatch_poll(void) {
  int ready = epoll_wait(dispatch_epoll_fd, dispatch_events, dispatch_timer_count, 1000);
  for (int i = 0; i < ready; i++) {
    uint64_t expirations;
    if (read(dispatch_events[i].data.fd, &expirations, sizeof expirations) < 0 && errno != EAGAIN)
      die("read timerfd");
  }
  return ready;
}

static void report_call_costs(int rounds, double round_seconds) {
  report("call_cost", "epoll_poll_idle", median_ns_per_operation(epoll_poll_idle, rounds, round_seconds));
  report("call_cost", "epoll_poll_1_ready_waiting",
         median_ns_per_operation(epoll_poll_1_ready_waiting, rounds, round_seconds));
  report("call_cost", "epoll_poll_100_ready", median_ns_per_operation(epoll_poll_100_ready, rounds, round_seconds));
  report("call_cost", "poll_poll_100_ready", median_ns_per_operation(poll_poll_100_ready, rounds, round_seconds));
  report("call_cost", "select_100_ready", median_ns_per_operation(select_100_ready, rounds, round_seconds));
  report("call_cost", "timerfd_settime_gettime", median_ns_per_operation(timerfd_settime_gettime, rounds, round_seconds));
  report("call_cost", "epoll_register_unregister", median_ns_per_operation(epoll_register_unregister, rounds, round_seconds));
}

static void *sleep_forever(void *unused) {
  (void)unused;
  for (;;) pause();
  return NULL;
}

static int epoll_watching(int fd) {
  int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event event = {.events = EPOLLIN, .data.fd = fd};
  if (epoll_fd < 0 || epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event)) die("epoll");
  return epoll_fd;
}

static struct timespec timespec_of(double seconds) {
  struct timespec ts = {(time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9)};
  return ts;
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: %s ROUNDS ROUND_SECONDS TIMERS INTERVAL\n", argv[0]); return 2; }
  int rounds = atoi(argv[1]);
  double round_seconds = atof(argv[2]), interval = atof(argv[4]);
  dispatch_timer_count = atoi(argv[3]);

  int pipe_fds[2];
  if (pipe(pipe_fds)) die("pipe");
  idle_epoll_fd = epoll_watching(pipe_fds[0]);
  scratch_pipe_read_fd = pipe_fds[0];
  scratch_epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  ready_epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  for (int i = 0; i < READY_FD_COUNT; i++) {
    if (pipe(pipe_fds) || write(pipe_fds[1], "x", 1) != 1) die("ready pipe");
    ready_read_fds[i] = pipe_fds[0];
    ready_pollfds[i] = (struct pollfd){.fd = pipe_fds[0], .events = POLLIN};
    struct epoll_event event = {.events = EPOLLIN, .data.fd = pipe_fds[0]};
    if (epoll_ctl(ready_epoll_fd, EPOLL_CTL_ADD, pipe_fds[0], &event)) die("epoll_ctl");
  }
  one_ready_epoll_fd = epoll_watching(ready_read_fds[0]);
  timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  if (timer_fd < 0) die("timerfd_create");

  report_call_costs(rounds, round_seconds);

  dispatch_epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  dispatch_events = calloc(dispatch_timer_count, sizeof *dispatch_events);
  struct itimerspec periodic = {timespec_of(interval), timespec_of(interval)};
  for (int i = 0; i < dispatch_timer_count; i++) {
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = fd};
    if (fd < 0 || timerfd_settime(fd, 0, &periodic, NULL) || epoll_ctl(dispatch_epoll_fd, EPOLL_CTL_ADD, fd, &event))
      die("dispatch timer");
  }
  char case_name[64];
  snprintf(case_name, sizeof case_name, "timers_%d", dispatch_timer_count);
  report("timer_dispatch", case_name, median_ns_per_operation(timer_dispatch_poll, rounds, round_seconds));

  pthread_t sleeper;
  if (pthread_create(&sleeper, NULL, sleep_forever, NULL)) die("pthread_create");
  threads = 2;
  report_call_costs(rounds, round_seconds);
  return 0;
}
