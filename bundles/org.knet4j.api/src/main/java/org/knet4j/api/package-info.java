/**
 * The public API of knet4j: a Java counterpart of every libknet 1.25 function.
 *
 * <p>Users obtain a {@link org.knet4j.api.Knet} (an OSGi service, or {@code Knet4j.create()} outside OSGi),
 * create a {@link org.knet4j.api.KnetHandle} per local node, add hosts and links, open
 * {@link org.knet4j.api.DataChannel}s and send. Errors that libknet reports through errno are raised as
 * {@link org.knet4j.api.KnetException} carrying a {@link org.knet4j.api.KnetError}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.knet4j.api;
