package org.pyselect4j.core;

/** Sizes and offsets of the kernel structures the core fills and reads in native memory. */
final class Layout {
    static final int EPOLL_EVENT_SIZE = LinuxConstants.get("SIZEOF_EPOLL_EVENT");
    static final int EPOLL_EVENT_EVENTS = LinuxConstants.get("OFFSETOF_EPOLL_EVENT_EVENTS");
    static final int EPOLL_EVENT_FD = LinuxConstants.get("OFFSETOF_EPOLL_EVENT_FD");

    static final int POLLFD_SIZE = LinuxConstants.get("SIZEOF_POLLFD");
    static final int POLLFD_FD = LinuxConstants.get("OFFSETOF_POLLFD_FD");
    static final int POLLFD_EVENTS = LinuxConstants.get("OFFSETOF_POLLFD_EVENTS");
    static final int POLLFD_REVENTS = LinuxConstants.get("OFFSETOF_POLLFD_REVENTS");

    private Layout() {
    }
}
