package org.benchwright.engine.project;

/**
 * One version of a run file: its path, the event sequence number that wrote it and the blob holding
 * its bytes.
 *
 * @param size the content's size in bytes, or -1 where it was not looked up
 * @param symlink true for a symbolic link, whose blob holds the link's target (never followed)
 */
public record FileVersion(String path, long seq, String blobSha, long size, boolean symlink) {

  public FileVersion(String path, long seq, String blobSha) {
    this(path, seq, blobSha, -1, false);
  }
}
