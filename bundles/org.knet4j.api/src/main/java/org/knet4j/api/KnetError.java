package org.knet4j.api;

/**
 * The errno values libknet 1.25 reports, with their Linux numbers, so that a Java caller can branch on the
 * same conditions a C caller of libknet does.
 */
public enum KnetError {
    EPERM(1), ENOENT(2), EIO(5), ENXIO(6), E2BIG(7), ECHILD(10), EAGAIN(11), ENOMEM(12), EFAULT(14), EBUSY(16),
    EEXIST(17), EINVAL(22), ERANGE(34), ENAMETOOLONG(36), ENOSYS(38), ENOMSG(42), EADDRINUSE(98),
    EADDRNOTAVAIL(99), ENETDOWN(100), ENETUNREACH(101), ENOBUFS(105), ECONNREFUSED(111), EHOSTDOWN(112),
    EHOSTUNREACH(113), ECANCELED(125), EMSGSIZE(90);

    private final int errno;

    KnetError(int errno) {
        this.errno = errno;
    }

    /** The Linux errno number libknet would set. */
    public int errno() {
        return errno;
    }
}
