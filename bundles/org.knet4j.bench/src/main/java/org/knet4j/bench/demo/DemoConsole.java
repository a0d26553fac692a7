package org.knet4j.bench.demo;

/**
 * The demo's console output. The demo is the product's main job and is watched on a terminal (the launch jar,
 * before the Gogo prompt), where SLF4J output may go to a log file or be filtered; its status lines therefore go
 * to {@code System.out} as well as to SLF4J. This class is the one place outside the command-line tools that
 * writes to {@code System.out}.
 */
final class DemoConsole {
    private DemoConsole() {
    }

    static void print(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
