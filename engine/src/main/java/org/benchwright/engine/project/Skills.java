package org.benchwright.engine.project;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Learned skills as rows: every save adds a version (title, markdown, an embedding, the run that
 * taught it, asset files as blobs). Ranking and validation live in {@code engine.skills}; this
 * class only stores and reads.
 */
public final class Skills {

  /** A file that belongs to a skill version; its bytes are in the blob store. */
  public record Asset(String name, String blobSha) {}

  /** One stored version of a skill. The embedding is null when none was computed. */
  public record SkillVersion(
      long id,
      String name,
      int version,
      String title,
      String markdown,
      float[] embedding,
      String embeddingModel,
      Long originRunId,
      Instant createdAt,
      List<Asset> assets) {}

  /** What a save writes; assets map a file name to its bytes. */
  public record NewVersion(
      String name,
      String title,
      String markdown,
      float[] embedding,
      String embeddingModel,
      Long originRunId,
      Map<String, byte[]> assets) {}

  private static final String COLUMNS =
      "v.id, s.name, v.version, v.title, v.markdown, v.embedding, v.embedding_model,"
          + " v.origin_run_id, v.created_at";

  private final Store store;

  Skills(Store store) {
    this.store = store;
  }

  /** Adds a new version of a skill (creating the skill on first use); returns the version. */
  public SkillVersion save(NewVersion v) {
    long versionId =
        store.write(
            c -> {
              long now = System.currentTimeMillis();
              if (v.originRunId() != null && !runExists(c, v.originRunId())) {
                throw new IllegalArgumentException(
                    "No run " + v.originRunId() + " in the project.");
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT OR IGNORE INTO skills (name, created_at) VALUES (?, ?)")) {
                ps.setString(1, v.name());
                ps.setLong(2, now);
                ps.executeUpdate();
              }
              long skillId = single(c, "SELECT id FROM skills WHERE name = ?", v.name());
              long version =
                  single(
                      c,
                      "SELECT coalesce(max(version), 0) + 1 FROM skill_versions WHERE skill_id = ?",
                      skillId);
              long id;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO skill_versions (skill_id, version, title, markdown, embedding,"
                          + " embedding_model, origin_run_id, created_at) VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, skillId);
                ps.setLong(2, version);
                ps.setString(3, v.title());
                ps.setString(4, v.markdown());
                ps.setBytes(5, v.embedding() == null ? null : pack(v.embedding()));
                ps.setString(6, v.embeddingModel());
                ps.setObject(7, v.originRunId());
                ps.setLong(8, now);
                ps.executeUpdate();
              }
              id =
                  single(
                      c,
                      "SELECT id FROM skill_versions WHERE skill_id = ? AND version = " + version,
                      skillId);
              for (var a : v.assets().entrySet()) {
                String sha = BlobStore.put(c, a.getValue());
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO skill_assets (skill_version_id, name, blob_sha) VALUES (?,?,?)")) {
                  ps.setLong(1, id);
                  ps.setString(2, a.getKey());
                  ps.setString(3, sha);
                  ps.executeUpdate();
                }
              }
              return id;
            });
    return byId(versionId).orElseThrow();
  }

  /** The newest version of every skill, by name. */
  public List<SkillVersion> latest() {
    return query(
        " WHERE v.version = (SELECT max(version) FROM skill_versions WHERE skill_id = s.id)"
            + " ORDER BY s.name",
        List.of());
  }

  /** Every version of a skill, oldest first; empty when there is no such skill. */
  public List<SkillVersion> versions(String name) {
    return query(" WHERE s.name = ? ORDER BY v.version", List.of(name));
  }

  public Optional<SkillVersion> latest(String name) {
    List<SkillVersion> all = versions(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
  }

  public Optional<SkillVersion> version(String name, int version) {
    return query(" WHERE s.name = ? AND v.version = ?", List.of(name, version)).stream()
        .findFirst();
  }

  private Optional<SkillVersion> byId(long id) {
    return query(" WHERE v.id = ?", List.of(id)).stream().findFirst();
  }

  private List<SkillVersion> query(String where, List<Object> params) {
    return store.read(
        c -> {
          List<SkillVersion> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM skills s JOIN skill_versions v ON v.skill_id = s.id"
                      + where)) {
            for (int i = 0; i < params.size(); i++) {
              ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                byte[] emb = rs.getBytes(6);
                long runId = rs.getLong(8);
                Long origin = rs.wasNull() ? null : runId;
                long id = rs.getLong(1);
                out.add(
                    new SkillVersion(
                        id,
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        emb == null ? null : unpack(emb),
                        rs.getString(7),
                        origin,
                        Instant.ofEpochMilli(rs.getLong(9)),
                        assets(c, id)));
              }
            }
          }
          return out;
        });
  }

  private static List<Asset> assets(Connection c, long versionId) throws SQLException {
    Map<String, Asset> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, blob_sha FROM skill_assets WHERE skill_version_id = ? ORDER BY name")) {
      ps.setLong(1, versionId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Asset(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return List.copyOf(out.values());
  }

  private static boolean runExists(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The first column of the first row of a one-parameter query. */
  static long single(Connection c, String sql, Object param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** float32 little-endian, as the schema documents for the embedding column. */
  static byte[] pack(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  static float[] unpack(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[bytes.length / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return v;
  }
}
