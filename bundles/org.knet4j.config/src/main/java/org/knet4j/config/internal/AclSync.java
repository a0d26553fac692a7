package org.knet4j.config.internal;

import java.util.ArrayList;
import java.util.List;
import org.knet4j.api.AclEntry;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;

/**
 * Brings a live dynamic link's access list to the wanted one with add, insert and remove calls ordered so that
 * a source accepted by both the old and the new list is never refused in between: new entries go in first, at
 * their place, then old entries leave, then any entry out of order is moved. (Clearing and re-adding would
 * refuse the peer, and drop its data, for the moment the list is empty.)
 */
final class AclSync {
    private AclSync() {
    }

    static void apply(KnetHandle handle, int host, int link, List<AclEntry> wanted) throws KnetException {
        List<AclEntry> now = new ArrayList<>(handle.linkGetAcl(host, link));
        for (int i = 0; i < wanted.size(); i++) {
            AclEntry e = wanted.get(i);
            if (!now.contains(e)) {
                int at = Math.min(i, now.size());
                handle.linkInsertAcl(host, link, at, e);
                now.add(at, e);
            }
        }
        for (AclEntry e : List.copyOf(now)) {
            if (!wanted.contains(e)) {
                handle.linkRmAcl(host, link, e);
                now.remove(e);
            }
        }
        for (int i = 0; i < wanted.size(); i++) {
            AclEntry e = wanted.get(i);
            if (!now.get(i).equals(e)) {
                handle.linkRmAcl(host, link, e);
                handle.linkInsertAcl(host, link, i, e);
                now.remove(e);
                now.add(i, e);
            }
        }
    }
}
