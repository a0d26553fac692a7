package org.knet4j.jmx.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.knet4j.jmx}. */
@ObjectClassDefinition(id = JmxComponent.PID, name = "knet4j JMX",
        description = "MXBeans for the handles and links of the Knet service in the platform MBeanServer")
public @interface JmxConfig {
    @AttributeDefinition(name = "Poll interval (ms)", min = "50",
            description = "How often the MBeans are matched to the handles, hosts and links that exist: new ones are "
                    + "registered, vanished ones unregistered. Attribute values are always read live.")
    long pollIntervalMs() default JmxComponent.DEFAULT_POLL_MS;
}
