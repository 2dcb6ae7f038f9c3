package org.benchwright.engine.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Content-addressed, compressed bytes: put returns the SHA-256, get gives the bytes back. */
public final class BlobStore {

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

  public Optional<byte[]> get(String sha256) {
    return store.read(c -> get(c, sha256));
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

  static Optional<byte[]> get(Connection c, String sha) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT codec, size, data FROM blobs WHERE sha256 = ?")) {
      ps.setString(1, sha);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(Blobs.decode(rs.getString(1), rs.getBytes(3), rs.getLong(2), sha));
      }
    }
  }
}
