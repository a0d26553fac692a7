package org.knet4j.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/** Thread dumps for failure messages: a hung test should say where every thread is and which ones deadlock. */
final class ThreadDumps {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadDumps() {
    }

    /** Ids of threads deadlocked on monitors or ownable synchronizers, or null if none. */
    static long[] deadlocked() {
        return THREADS.findDeadlockedThreads();
    }

    /** Every live thread with its full stack, locks held and lock waited for. */
    static String all() {
        StringBuilder out = new StringBuilder();
        long[] dead = deadlocked();
        if (dead != null) {
            out.append("DEADLOCKED thread ids:");
            for (long id : dead) {
                out.append(' ').append(id);
            }
            out.append('\n');
        }
        for (ThreadInfo t : THREADS.dumpAllThreads(true, true)) {
            out.append('"').append(t.getThreadName()).append("\" id=").append(t.getThreadId()).append(' ')
                    .append(t.getThreadState());
            if (t.getLockName() != null) {
                out.append(" on ").append(t.getLockName());
            }
            if (t.getLockOwnerName() != null) {
                out.append(" owned by \"").append(t.getLockOwnerName()).append('"');
            }
            out.append('\n');
            for (StackTraceElement e : t.getStackTrace()) { // the full stack, not ThreadInfo.toString's first 8
                out.append("\tat ").append(e).append('\n');
            }
            for (var m : t.getLockedMonitors()) {
                out.append("\t- holds ").append(m).append('\n');
            }
            for (var s : t.getLockedSynchronizers()) {
                out.append("\t- holds ").append(s).append('\n');
            }
        }
        return out.toString();
    }
}
