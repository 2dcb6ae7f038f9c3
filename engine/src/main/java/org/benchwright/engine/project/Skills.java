package org.benchwright.engine.project;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Learned skills, read side: the newest version of each skill, found by words. (Writing and
 * semantic search come with the skills work; this is what agents' tools read.)
 */
public final class Skills {

  /** The newest version of a skill. */
  public record Skill(String name, int version, String title, String markdown) {}

  private final Store store;

  Skills(Store store) {
    this.store = store;
  }

  /** Skills whose name, title or text contain every word of the query, best first. */
  public List<Skill> search(String query, int limit) {
    String[] words = query.toLowerCase(java.util.Locale.ROOT).trim().split("\\s+");
    return store.read(
        c -> {
          List<Skill> all = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT s.name, v.version, v.title, v.markdown FROM skills s JOIN skill_versions v"
                          + " ON v.skill_id = s.id WHERE v.version = (SELECT max(version) FROM"
                          + " skill_versions WHERE skill_id = s.id) ORDER BY s.name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              all.add(new Skill(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
            }
          }
          return all.stream()
              .filter(
                  s -> {
                    String hay =
                        (s.name() + " " + s.title() + " " + s.markdown())
                            .toLowerCase(java.util.Locale.ROOT);
                    for (String w : words) {
                      if (!w.isEmpty() && !hay.contains(w)) {
                        return false;
                      }
                    }
                    return true;
                  })
              .limit(limit)
              .toList();
        });
  }

  public Optional<Skill> read(String name) {
    return search("", Integer.MAX_VALUE).stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Adds a new version of a skill (creating it on first use); returns the version number. */
  public int save(String name, String title, String markdown, Long originRunId) {
    return store.write(
        c -> {
          long now = System.currentTimeMillis();
          try (PreparedStatement ps =
              c.prepareStatement("INSERT OR IGNORE INTO skills (name, created_at) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setLong(2, now);
            ps.executeUpdate();
          }
          long id;
          try (PreparedStatement ps = c.prepareStatement("SELECT id FROM skills WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              id = rs.getLong(1);
            }
          }
          int version;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT coalesce(max(version), 0) + 1 FROM skill_versions WHERE skill_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              version = rs.getInt(1);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO skill_versions (skill_id, version, title, markdown, origin_run_id,"
                      + " created_at) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            ps.setString(3, title);
            ps.setString(4, markdown);
            ps.setObject(5, originRunId);
            ps.setLong(6, now);
            ps.executeUpdate();
          }
          return version;
        });
  }
}
