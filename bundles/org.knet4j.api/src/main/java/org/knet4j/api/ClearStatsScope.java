package org.knet4j.api;

/** What {@link KnetHandle#clearStats} resets ({@code KNET_CLEARSTATS_*}). */
public enum ClearStatsScope {
    /** 1: the handle's counters only. */
    HANDLE_ONLY,
    /** 2: the handle's and every link's counters. */
    HANDLE_AND_LINK
}
