package org.knet4j.jmx.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the MBeans registered in one MBeanServer equal to the handles and links of one {@link Knet}: each
 * {@link #sync()} registers what appeared and unregisters what vanished (a freed handle, a removed host, a cleared
 * link). It only ever unregisters names it registered itself. Thread-safe: calls are serialized.
 */
final class MBeanPublisher {
    static final String DOMAIN = "org.knet4j";
    private static final Logger LOG = LoggerFactory.getLogger(MBeanPublisher.class);

    private final Knet knet;
    private final MBeanServer server;
    /** What we registered, with the handle each MBean reads (a name can pass to a new handle with the same id). */
    private final Map<ObjectName, KnetHandle> registered = new HashMap<>();
    /** The key properties naming each live handle, fixed when it is first seen. */
    private final Map<KnetHandle, String> handleKeys = new IdentityHashMap<>();
    /** Names another party holds; warned about once. */
    private final Set<ObjectName> taken = new HashSet<>();

    MBeanPublisher(Knet knet, MBeanServer server) {
        this.knet = knet;
        this.server = server;
    }

    /** The handle MBean's name: {@code org.knet4j:type=Handle,hostId=N}. */
    static ObjectName handleName(String handleKey) {
        return name("type=Handle," + handleKey);
    }

    /** The link MBean's name: {@code org.knet4j:type=Link,hostId=N,peer=M,link=L}. */
    static ObjectName linkName(String handleKey, int peer, int link) {
        return name("type=Link," + handleKey + ",peer=" + peer + ",link=" + link);
    }

    private static ObjectName name(String keys) {
        try {
            return new ObjectName(DOMAIN + ":" + keys);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad MBean name " + keys, e);
        }
    }

    synchronized void sync() {
        List<KnetHandle> handles = knet.handles().stream().filter(KnetHandle::isOpen).toList();
        handleKeys.keySet().removeIf(known -> handles.stream().noneMatch(h -> h == known));
        Set<ObjectName> wanted = new HashSet<>();
        for (KnetHandle h : handles) {
            String key = handleKeys.computeIfAbsent(h, this::newKey);
            ObjectName hn = handleName(key);
            wanted.add(hn);
            register(hn, h, new HandleView(h), HandleMXBean.class);
            for (int peer : h.hostList()) {
                List<Integer> links;
                try {
                    links = h.linkList(peer);
                } catch (KnetException gone) {
                    continue; // removed meanwhile
                }
                for (int link : links) {
                    ObjectName ln = linkName(key, peer, link);
                    wanted.add(ln);
                    register(ln, h, new LinkView(h, peer, link), LinkMXBean.class);
                }
            }
        }
        for (ObjectName n : Set.copyOf(registered.keySet())) {
            if (!wanted.contains(n)) {
                unregister(n);
            }
        }
        taken.retainAll(wanted);
    }

    /** {@code hostId=N}, or {@code hostId=N,instance=K} when another live handle already has host id N. */
    private String newKey(KnetHandle h) {
        String base = "hostId=" + h.hostId();
        if (!keyInUse(base)) {
            return base;
        }
        for (int i = 2;; i++) {
            String k = base + ",instance=" + i;
            if (!keyInUse(k)) {
                return k;
            }
        }
    }

    /** By equality: IdentityHashMap.containsValue would compare the strings by reference. */
    private boolean keyInUse(String key) {
        return handleKeys.values().stream().anyMatch(key::equals);
    }

    private <T> void register(ObjectName name, KnetHandle owner, T view, Class<T> type) {
        KnetHandle current = registered.get(name);
        if (current == owner || taken.contains(name)) {
            return;
        }
        if (current != null) {
            unregister(name); // the name's old handle was freed and a new one took its host id
        }
        try {
            server.registerMBean(new StandardMBean(view, type, true), name);
            registered.put(name, owner);
        } catch (InstanceAlreadyExistsException e) {
            taken.add(name);
            LOG.warn("MBean {} is registered by someone else; not publishing it", name);
        } catch (JMException e) {
            LOG.warn("cannot register MBean {}", name, e);
        }
    }

    private void unregister(ObjectName name) {
        registered.remove(name);
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // someone unregistered it for us
        } catch (JMException e) {
            LOG.warn("cannot unregister MBean {}", name, e);
        }
    }

    /** Unregister everything this publisher registered. */
    synchronized void clear() {
        for (ObjectName n : Set.copyOf(registered.keySet())) {
            unregister(n);
        }
        handleKeys.clear();
        taken.clear();
    }

    synchronized Set<ObjectName> registeredNames() {
        return Set.copyOf(registered.keySet());
    }
}
