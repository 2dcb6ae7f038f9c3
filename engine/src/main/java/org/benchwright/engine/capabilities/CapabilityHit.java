package org.benchwright.engine.capabilities;

/**
 * A capability a search found, with its combined score and the two parts it is made of.
 *
 * @param matches the score reaches the project's threshold: an agent may use it without
 *     synthesizing a new one
 */
public record CapabilityHit(
    String name,
    int version,
    String description,
    double score,
    double semantic,
    double keyword,
    boolean matches) {}
