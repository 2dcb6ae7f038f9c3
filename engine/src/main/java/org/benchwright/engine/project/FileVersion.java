package org.benchwright.engine.project;

/**
 * One version of a run file: its path, the event sequence number that wrote it and the blob holding
 * its bytes.
 */
public record FileVersion(String path, long seq, String blobSha) {}
