package org.benchwright.engine.project;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Content-addressed, compressed bytes: put returns the SHA-256, get gives the bytes back.
 *
 * <p>Content up to {@link #INLINE_LIMIT} is one row; bigger content (a dataset, a large output) is
 * streamed in and stored in parts of {@link #PART_SIZE} bytes (codec {@code chunked}), so neither
 * writing nor {@link #open reading} it holds more than a part in memory. The address is the same
 * either way: the SHA-256 of the whole content.
 */
public final class BlobStore {

  /** Content up to this size is stored in one row; above it, in parts. */
  public static final int INLINE_LIMIT = 4 * 1024 * 1024;

  static final int PART_SIZE = 1024 * 1024;
  static final String CHUNKED = "chunked";

  private final Store store;

  BlobStore(Store store) {
    this.store = store;
  }

  /** The address content gets in the store: its SHA-256 in lowercase hex. */
  public static String addressOf(byte[] data) {
    return Blobs.sha256(data);
  }

  /** Stores the bytes (once per content) and returns their SHA-256 in hex. */
  public String put(byte[] data) {
    return store.write(c -> put(c, data));
  }

  /**
   * Stores what the stream holds (read to its end, not closed) and returns its SHA-256. Small
   * content is kept in memory; bigger content is spilled to a temporary file while it is hashed,
   * then stored in parts in one transaction.
   */
  public String put(InputStream in) throws IOException {
    byte[] head = in.readNBytes(INLINE_LIMIT + 1);
    if (head.length <= INLINE_LIMIT) {
      return put(head);
    }
    Path spill = Files.createTempFile("benchwright-blob-", ".part");
    try {
      MessageDigest sha = Blobs.digest();
      long size;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spill), PART_SIZE)) {
        sha.update(head);
        out.write(head);
        size = head.length + copy(in, out, sha);
      }
      String address = HexFormat.of().formatHex(sha.digest());
      long total = size;
      return store.write(c -> putParts(c, address, total, spill));
    } finally {
      Files.deleteIfExists(spill);
    }
  }

  private static long copy(InputStream in, OutputStream out, MessageDigest sha) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long n = 0;
    for (int k; (k = in.read(buf)) > 0; ) {
      sha.update(buf, 0, k);
      out.write(buf, 0, k);
      n += k;
    }
    return n;
  }

  public Optional<byte[]> get(String sha256) {
    return store.read(c -> get(c, sha256));
  }

  /** The size of the content at this address, without reading it. */
  public Optional<Long> size(String sha256) {
    return store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT size FROM blobs WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
            }
          }
        });
  }

  /**
   * The content as a stream that reads a stored part at a time, for content too big to hold in
   * memory. Empty when there is no blob at this address.
   */
  public Optional<InputStream> open(String sha256) {
    Optional<String> codec =
        store.read(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT codec FROM blobs WHERE sha256 = ?")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
              }
            });
    if (codec.isEmpty()) {
      return Optional.empty();
    }
    if (!CHUNKED.equals(codec.get())) {
      return get(sha256).map(ByteArrayInputStream::new);
    }
    return Optional.of(new PartStream(sha256));
  }

  static String put(Connection c, byte[] data) throws SQLException {
    String sha = Blobs.sha256(data);
    byte[] packed = Blobs.deflate(data);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR IGNORE INTO blobs (sha256, codec, size, data, created_at) VALUES (?,?,?,?,?)")) {
      ps.setString(1, sha);
      ps.setString(2, packed == null ? Blobs.RAW : Blobs.DEFLATE);
      ps.setLong(3, data.length);
      ps.setBytes(4, packed == null ? data : packed);
      ps.setLong(5, System.currentTimeMillis());
      ps.executeUpdate();
    }
    return sha;
  }

  private static String putParts(Connection c, String sha, long size, Path spill)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR IGNORE INTO blobs (sha256, codec, size, data, created_at) VALUES (?,?,?,?,?)")) {
      ps.setString(1, sha);
      ps.setString(2, CHUNKED);
      ps.setLong(3, size);
      ps.setBytes(4, new byte[0]);
      ps.setLong(5, System.currentTimeMillis());
      if (ps.executeUpdate() == 0) {
        return sha; // the same content is stored already
      }
    }
    try (InputStream in = Files.newInputStream(spill);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO blob_chunks (sha256, part, codec, size, data) VALUES (?,?,?,?,?)")) {
      byte[] buf = new byte[PART_SIZE];
      for (int part = 0; ; part++) {
        int n = in.readNBytes(buf, 0, PART_SIZE);
        if (n == 0) {
          break;
        }
        byte[] raw = n == PART_SIZE ? buf : Arrays.copyOf(buf, n);
        byte[] packed = Blobs.deflate(raw);
        ps.setString(1, sha);
        ps.setInt(2, part);
        ps.setString(3, packed == null ? Blobs.RAW : Blobs.DEFLATE);
        ps.setLong(4, n);
        ps.setBytes(5, packed == null ? raw : packed);
        ps.executeUpdate();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read back the spilled blob " + spill, e);
    }
    return sha;
  }

  static Optional<byte[]> get(Connection c, String sha) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT codec, size, data FROM blobs WHERE sha256 = ?")) {
      ps.setString(1, sha);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (CHUNKED.equals(rs.getString(1))) {
          return Optional.of(assemble(c, sha, rs.getLong(2)));
        }
        return Optional.of(Blobs.decode(rs.getString(1), rs.getBytes(3), rs.getLong(2), sha));
      }
    }
  }

  private static byte[] assemble(Connection c, String sha, long size) throws SQLException {
    if (size > Integer.MAX_VALUE - 8) {
      throw new ProjectException.Corrupt(
          "Blob "
              + sha
              + " holds "
              + size
              + " bytes, too many to load at once; open it as a stream.");
    }
    byte[] out = new byte[(int) size];
    int at = 0;
    for (int part = 0; at < out.length; part++) {
      byte[] p = part(c, sha, part);
      if (p == null || at + p.length > out.length) {
        throw new ProjectException.Corrupt("Blob " + sha + " is damaged: part " + part + ".");
      }
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** One decoded part, or null when there is no such part. */
  private static byte[] part(Connection c, String sha, int part) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT codec, size, data FROM blob_chunks WHERE sha256 = ? AND part = ?")) {
      ps.setString(1, sha);
      ps.setInt(2, part);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Blobs.decode(rs.getString(1), rs.getBytes(3), rs.getLong(2), sha + "#" + part)
            : null;
      }
    }
  }

  /** Reads a chunked blob one stored part at a time. */
  private final class PartStream extends InputStream {
    private final String sha;
    private int next;
    private byte[] current = new byte[0];
    private int at;
    private boolean done;

    PartStream(String sha) {
      this.sha = sha;
    }

    private boolean fill() {
      while (!done && at >= current.length) {
        int part = next++;
        byte[] p = store.read(c -> part(c, sha, part));
        if (p == null) {
          done = true;
        } else {
          current = p;
          at = 0;
        }
      }
      return at < current.length;
    }

    @Override
    public int read() {
      return fill() ? current[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, current.length - at);
      System.arraycopy(current, at, b, off, n);
      at += n;
      return n;
    }
  }
}
