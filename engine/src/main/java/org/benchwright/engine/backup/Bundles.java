package org.benchwright.engine.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * Run bundles: one zip file carrying whole runs (rows of every run table as JSONL, and every blob
 * they refer to, content-addressed) with a manifest that lists a SHA-256 per entry. Import verifies
 * the whole file before it writes anything, then imports in one transaction. See ADR 0014.
 */
public final class Bundles {

  public static final String FORMAT = "benchwright-bundle";
  public static final int VERSION = 1;
  static final String MANIFEST = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {};

  private Bundles() {}

  public record ExportResult(Path file, int runs, long rows, int blobs) {}

  /**
   * @param capabilities the capabilities taken in (unverified until their tests pass here)
   * @param skills the skills taken in
   * @param kept names the project had already, left as they were
   * @param datasets the datasets taken in (the automl runs' data, profile and target)
   */
  public record ImportResult(
      List<String> uids,
      List<Long> localIds,
      List<String> capabilities,
      List<String> skills,
      List<String> kept,
      List<String> datasets) {}

  /** Exports the given runs (all runs when empty) of a project to one bundle file. */
  public static ExportResult export(Project project, List<Long> runIds, Path out) {
    List<Long> ids = new ArrayList<>(runIds);
    if (ids.isEmpty()) {
      project.runs().list().forEach(r -> ids.add(r.id()));
    }
    ids.sort(null); // parents (older) before their forks
    // A fork shares with an ancestor that comes along; what it shares with ones left behind is
    // carried as its own rows (ADR 0041).
    Set<Long> exported = Set.copyOf(ids);
    if (ids.isEmpty()) {
      throw new BundleException("The project has no runs to export.");
    }
    Path target = out.toAbsolutePath().normalize();
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format", FORMAT).put("version", VERSION);
    manifest.put("source_project", project.uid());
    manifest.put("created_at", Instant.now().toString());
    ArrayNode runs = manifest.putArray("runs");
    ObjectNode entries = JSON.createObjectNode();
    long rows = 0;
    Set<String> blobs = new LinkedHashSet<>();
    try {
      Files.createDirectories(target.getParent());
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
        for (long id : ids) {
          RunInfo info =
              project
                  .runs()
                  .find(id)
                  .orElseThrow(() -> new BundleException("No run " + id + " in the project."));
          Map<String, EntryWriter> writers = new LinkedHashMap<>();
          long[] count = {0};
          ObjectNode[] summary = {null};
          blobs.addAll(
              project
                  .transfer()
                  .export(
                      id,
                      exported,
                      (table, row) -> {
                        if (table.equals("runs")) {
                          summary[0] = summarise(row);
                        }
                        EntryWriter w = writers.get(table);
                        if (w == null) {
                          writers.values().forEach(EntryWriter::closeQuietly);
                          w = new EntryWriter(zip, "runs/" + info.uid() + "/" + table + ".jsonl");
                          writers.put(table, w);
                        }
                        w.write(
                            (JSON.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8));
                        count[0]++;
                      }));
          for (EntryWriter w : writers.values()) {
            w.close();
            entries.set(w.name, w.describe());
          }
          ObjectNode s = summary[0];
          ArrayNode tables = s.putArray("tables");
          writers.keySet().forEach(tables::add);
          runs.add(s);
          rows += count[0];
        }
        BundledLibrary.Export library = BundledLibrary.of(project, ids);
        blobs.addAll(library.blobs());
        for (var doc : library.documents().entrySet()) {
          EntryWriter w = new EntryWriter(zip, doc.getKey());
          w.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc.getValue()));
          w.close();
          entries.set(w.name, w.describe());
        }
        for (String sha : blobs) {
          byte[] data =
              project
                  .blobs()
                  .get(sha)
                  .orElseThrow(() -> new BundleException("Blob " + sha + " is missing."));
          EntryWriter w = new EntryWriter(zip, "blobs/" + sha);
          w.write(data);
          w.close();
          entries.set(w.name, w.describe());
        }
        manifest.set("entries", entries);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new BundleException("Cannot write " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
    return new ExportResult(target, ids.size(), rows, blobs.size());
  }

  private static ObjectNode summarise(Map<String, Object> row) {
    ObjectNode s = JSON.createObjectNode();
    for (String k :
        List.of(
            "uid",
            "workflow",
            "task",
            "label",
            "status",
            "outcome",
            "created_at",
            "started_at",
            "ended_at",
            "input_tokens",
            "output_tokens",
            "cost_usd",
            "wall_ms",
            "parent_uid",
            "fork_seq")) {
      s.set(k, JSON.valueToTree(row.get(k)));
    }
    try {
      s.set("model_config", JSON.readTree(String.valueOf(row.get("model_config"))));
    } catch (IOException e) {
      s.put("model_config", String.valueOf(row.get("model_config")));
    }
    return s;
  }

  /**
   * Verifies a bundle completely (format, version, every entry's SHA-256) and returns its manifest.
   */
  public static JsonNode verify(Path bundle) {
    Path f = bundle.toAbsolutePath().normalize();
    if (!Files.isRegularFile(f)) {
      throw new BundleException(f + " does not exist.");
    }
    try (ZipFile zip = open(f)) {
      ZipEntry m = zip.getEntry(MANIFEST);
      if (m == null) {
        throw new BundleException(f + " is not a Benchwright bundle (it has no " + MANIFEST + ").");
      }
      JsonNode manifest;
      try (InputStream in = zip.getInputStream(m)) {
        manifest = JSON.readTree(in);
      } catch (IOException e) {
        throw new BundleException(f + " is damaged: its manifest cannot be read.", e);
      }
      if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
        throw new BundleException(f + " is not a Benchwright bundle (unknown manifest format).");
      }
      int version = manifest.path("version").asInt(-1);
      if (version > VERSION) {
        throw new BundleException(
            f
                + " was written by a newer Benchwright (bundle format "
                + version
                + "; this version reads up to "
                + VERSION
                + "). Update Benchwright to import it.");
      }
      if (version < 1) {
        throw new BundleException(f + " is not a Benchwright bundle (no valid format version).");
      }
      JsonNode entries = manifest.path("entries");
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        String name = all.nextElement().getName();
        if (!name.equals(MANIFEST) && !entries.has(name)) {
          throw new BundleException(f + " is damaged: entry " + name + " is not in its manifest.");
        }
      }
      var names = entries.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
          throw new BundleException(f + " is damaged: entry " + name + " is missing.");
        }
        String expected = entries.get(name).path("sha256").asText();
        String actual;
        try (InputStream in = zip.getInputStream(e)) {
          actual = sha256(in);
        } catch (IOException ex) {
          throw new BundleException(
              f + " is damaged: entry " + name + " cannot be read (" + ex.getMessage() + ").", ex);
        }
        if (!actual.equals(expected)) {
          throw new BundleException(
              f + " is damaged: checksum mismatch in entry " + name + "; nothing was imported.");
        }
      }
      return manifest;
    } catch (IOException e) {
      throw new BundleException(f + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Imports every run of a bundle. The bundle is verified completely first; a run whose uid the
   * project already has makes the whole import refused. All runs are imported in one transaction.
   */
  public static ImportResult importBundle(Project project, Path bundle) {
    JsonNode manifest = verify(bundle);
    Path f = bundle.toAbsolutePath().normalize();
    List<String> uids = new ArrayList<>();
    for (JsonNode run : manifest.path("runs")) {
      String uid = run.path("uid").asText();
      if (project.runs().findByUid(uid).isPresent()) {
        throw new BundleException(
            "Run "
                + uid
                + " ("
                + run.path("task").asText()
                + ") already exists in "
                + project.file().getFileName()
                + "; the bundle was not imported.");
      }
      uids.add(uid);
    }
    try (ZipFile zip = open(f)) {
      // The library is read and checked before anything is written: a damaged capability or
      // skill refuses the whole bundle, like a damaged run.
      Map<String, JsonNode> library = new LinkedHashMap<>();
      var entryNames = manifest.path("entries").fieldNames();
      while (entryNames.hasNext()) {
        String name = entryNames.next();
        if (name.startsWith("capabilities/")
            || name.startsWith("skills/")
            || name.startsWith(BundledLibrary.DATASETS)) {
          try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            library.put(name, JSON.readTree(in));
          } catch (IOException e) {
            throw new BundleException(f + " is damaged: entry " + name + " is not JSON.", e);
          }
        }
      }
      try {
        BundledLibrary.check(library);
      } catch (IllegalArgumentException e) {
        throw new BundleException(
            f + " carries a capability that is not valid; nothing was imported. " + e.getMessage(),
            e);
      }
      List<Long> ids =
          project
              .transfer()
              .importRuns(
                  im -> {
                    var names = manifest.path("entries").fieldNames();
                    while (names.hasNext()) {
                      String name = names.next();
                      if (name.startsWith("blobs/")) {
                        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                          im.blob(name.substring("blobs/".length()), in.readAllBytes());
                        }
                      }
                    }
                    List<Long> local = new ArrayList<>();
                    for (JsonNode run : manifest.path("runs")) {
                      String uid = run.path("uid").asText();
                      for (JsonNode t : run.path("tables")) {
                        String table = t.asText();
                        ZipEntry e = zip.getEntry("runs/" + uid + "/" + table + ".jsonl");
                        if (e == null) {
                          throw new BundleException(f + " is damaged: no " + table + " of " + uid);
                        }
                        try (BufferedReader r =
                            new BufferedReader(
                                new InputStreamReader(
                                    zip.getInputStream(e), StandardCharsets.UTF_8))) {
                          String line;
                          while ((line = r.readLine()) != null) {
                            if (line.isEmpty()) {
                              continue;
                            }
                            long id = im.row(table, JSON.readValue(line, ROW));
                            if (table.equals("runs")) {
                              local.add(id);
                            }
                          }
                        }
                      }
                    }
                    return local;
                  });
      BundledLibrary.Imported lib =
          BundledLibrary.take(project, library, f.getFileName().toString());
      return new ImportResult(
          uids, ids, lib.capabilities(), lib.skills(), lib.kept(), lib.datasets());
    } catch (IOException e) {
      throw new BundleException(f + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static ZipFile open(Path f) {
    try {
      return new ZipFile(f.toFile());
    } catch (ZipException e) {
      throw new BundleException(
          f + " is not a Benchwright bundle, or it is truncated (" + e.getMessage() + ").", e);
    } catch (IOException e) {
      throw new BundleException(f + " cannot be read: " + e.getMessage(), e);
    }
  }

  static String sha256(InputStream in) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a leftover temporary file is harmless
    }
  }

  /** One zip entry written through a digest, so the manifest can name its SHA-256. */
  private static final class EntryWriter {
    private final String name;
    private final MessageDigest md = digest();
    private final DigestOutputStream out;
    private long size;
    private boolean open = true;

    EntryWriter(ZipOutputStream zip, String name) throws IOException {
      this.name = name;
      zip.putNextEntry(new ZipEntry(name));
      this.out =
          new DigestOutputStream(
              new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                  zip.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                  zip.write(b, off, len);
                }
              },
              md);
      this.zipRef = zip;
    }

    private final ZipOutputStream zipRef;

    void write(byte[] b) throws IOException {
      out.write(b);
      size += b.length;
    }

    void close() throws IOException {
      if (open) {
        open = false;
        zipRef.closeEntry();
      }
    }

    void closeQuietly() {
      try {
        close();
      } catch (IOException ignored) {
        // reported by the next write
      }
    }

    ObjectNode describe() {
      ObjectNode n = JSON.createObjectNode();
      n.put("sha256", HexFormat.of().formatHex(md.digest()));
      n.put("size", size);
      return n;
    }
  }
}
