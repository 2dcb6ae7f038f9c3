package org.benchwright.engine.mjcf;

import static org.benchwright.engine.mjcf.LineDom.children;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The files MuJoCo needs to compile a scene: the main XML, what it includes, the models it attaches
 * ({@code <model file>}), and the mesh, height-field, skin and texture files they name, found
 * through each model's {@code compiler} folders (meshdir, texturedir, assetdir). A reference is
 * tried where MuJoCo may look for it (the folder MuJoCo uses, the including file's folder, the
 * model's folder); what is not found is left for MuJoCo to report. Bounded: more than {@code
 * maxBytes} or {@code maxFiles} is refused with the figures, before anything is copied.
 *
 * @param files every file by path relative to the scene's root (may start with "../")
 * @param bytes their total size
 */
public record SceneFileSet(String main, Map<String, byte[]> files, long bytes) {

  /** More than the caps: the scene is not copied into the sandbox. */
  public static final class TooLargeException extends RuntimeException {
    public TooLargeException(String message) {
      super(message);
    }
  }

  private static final int MAX_DEPTH = 16;
  private static final List<String> TEXTURE_FILES =
      List.of("file", "fileright", "fileleft", "fileup", "filedown", "filefront", "fileback");

  /**
   * Collects the files of the scene {@code main} (relative to {@code files}' root).
   *
   * @throws TooLargeException when they exceed the caps
   */
  public static SceneFileSet collect(String main, SceneFiles files, long maxBytes, int maxFiles) {
    Collector c = new Collector(files, maxBytes, maxFiles);
    String path = MjcfLoader.normalise("", main);
    c.model(path, 0);
    return new SceneFileSet(path, c.found, c.bytes);
  }

  private static final class Collector {
    private final SceneFiles files;
    private final long maxBytes;
    private final int maxFiles;
    private final Map<String, byte[]> found = new LinkedHashMap<>();
    private final Set<String> modelsSeen = new LinkedHashSet<>();
    private final Document doc;
    private long bytes;

    Collector(SceneFiles files, long maxBytes, int maxFiles) {
      this.files = files;
      this.maxBytes = maxBytes;
      this.maxFiles = maxFiles;
      try {
        doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
      } catch (ParserConfigurationException e) {
        throw new IllegalStateException("The JDK's DOM builder is unavailable", e);
      }
    }

    /** One model file (the main scene or an attached one) with its includes and assets. */
    void model(String path, int depth) {
      if (depth > MAX_DEPTH || !modelsSeen.add(path) || take(path).isEmpty()) {
        return;
      }
      String dir = MjcfLoader.parent(path);
      List<Element> elements = new ArrayList<>();
      includes(path, dir, elements, new ArrayDeque<>());
      String meshDir = null;
      String textureDir = null;
      String assetDir = null;
      for (Element e : elements) {
        if (e.getTagName().equals("compiler")) {
          meshDir = e.hasAttribute("meshdir") ? e.getAttribute("meshdir") : meshDir;
          textureDir = e.hasAttribute("texturedir") ? e.getAttribute("texturedir") : textureDir;
          assetDir = e.hasAttribute("assetdir") ? e.getAttribute("assetdir") : assetDir;
        }
      }
      for (Element e : elements) {
        String from = MjcfLoader.parent(LineDom.file(e));
        switch (e.getTagName()) {
          case "mesh", "hfield", "skin" ->
              asset(e.getAttribute("file"), dir, from, meshDir, assetDir);
          case "texture" -> {
            for (String a : TEXTURE_FILES) {
              asset(e.getAttribute(a), dir, from, textureDir, assetDir);
            }
          }
          case "model" -> {
            String file = e.getAttribute("file");
            if (!file.isBlank()) {
              for (String candidate : candidates(file, dir, from, null, assetDir)) {
                if (files.read(candidate).isPresent()) {
                  model(candidate, depth + 1);
                  break;
                }
              }
            }
          }
          default -> {
            // not a file reference
          }
        }
      }
    }

    /** Collects the elements of a file and, recursively, of the files it includes. */
    private void includes(String path, String modelDir, List<Element> out, Deque<String> chain) {
      byte[] content = found.get(path);
      if (content == null || chain.contains(path) || chain.size() > MAX_DEPTH) {
        return;
      }
      Element root;
      try {
        root = LineDom.parse(content, doc, path);
      } catch (SAXException e) {
        return; // MuJoCo reports malformed XML with its own line numbers
      }
      chain.push(path);
      walk(root, path, modelDir, out, chain);
      chain.pop();
    }

    private void walk(
        Element e, String path, String modelDir, List<Element> out, Deque<String> chain) {
      for (Element child : children(e)) {
        if (child.getTagName().equals("include") && child.hasAttribute("file")) {
          String name = child.getAttribute("file");
          for (String candidate : candidates(name, modelDir, MjcfLoader.parent(path), null, null)) {
            if (take(candidate).isPresent()) {
              includes(candidate, modelDir, out, chain);
              break;
            }
          }
          continue;
        }
        out.add(child);
        walk(child, path, modelDir, out, chain);
      }
    }

    private void asset(String file, String modelDir, String from, String dir, String assetDir) {
      if (file == null || file.isBlank()) {
        return;
      }
      for (String candidate : candidates(file, modelDir, from, dir, assetDir)) {
        take(candidate);
      }
    }

    /** Where MuJoCo may look for {@code file}: its folder attribute, assetdir, then plain. */
    private static List<String> candidates(
        String file, String modelDir, String from, String dir, String assetDir) {
      Set<String> out = new LinkedHashSet<>();
      String f = file.strip();
      String inRun = inWorkspace(f);
      if (inRun != null) {
        return List.of(inRun);
      }
      if (f.startsWith("/") || f.matches("^[A-Za-z]:[/\\\\].*")) {
        return List.of(); // an absolute path of the machine that wrote the scene
      }
      if (dir != null && !dir.isBlank()) {
        String d = inWorkspace(dir.strip());
        out.add(MjcfLoader.normalise(d != null ? d : MjcfLoader.normalise(modelDir, dir), f));
      }
      if (assetDir != null && !assetDir.isBlank()) {
        String d = inWorkspace(assetDir.strip());
        out.add(MjcfLoader.normalise(d != null ? d : MjcfLoader.normalise(modelDir, assetDir), f));
      }
      out.add(MjcfLoader.normalise(modelDir, f));
      out.add(MjcfLoader.normalise(from, f));
      return new ArrayList<>(out);
    }

    /**
     * A run's file named by its sandbox path ({@code /workspace/parts/a.stl}, as the engineer
     * workflow's composed scene does), run-relative; null for any other path.
     */
    private static String inWorkspace(String p) {
      if (p.equals("/workspace")) {
        return "";
      }
      return p.startsWith("/workspace/") ? p.substring("/workspace/".length()) : null;
    }

    private Optional<byte[]> take(String path) {
      byte[] have = found.get(path);
      if (have != null) {
        return Optional.of(have);
      }
      Optional<byte[]> content = files.read(path);
      if (content.isEmpty()) {
        return content;
      }
      bytes += content.get().length;
      found.put(path, content.get());
      if (found.size() > maxFiles) {
        throw new TooLargeException(
            "the scene refers to more than " + maxFiles + " files; not copied into the sandbox");
      }
      if (bytes > maxBytes) {
        throw new TooLargeException(
            String.format(
                java.util.Locale.ROOT,
                "the scene's files exceed %.0f MB (%.1f MB and counting at %s); not copied into"
                    + " the sandbox",
                maxBytes / 1e6,
                bytes / 1e6,
                path));
      }
      return content;
    }
  }

  /**
   * The same files laid out under {@code folder} of a workspace ("" for its root): paths that climb
   * out of the scene's root ("../") get as many synthetic parent folders as needed, so relative
   * references resolve as they did on disk.
   *
   * @return the workspace path of every file, and of the main file under the key ""
   */
  public Map<String, String> layout(String folder) {
    int depth = 0;
    for (String p : files.keySet()) {
      int d = 0;
      while (p.startsWith("../", d * 3)) {
        d++;
      }
      depth = Math.max(depth, d);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : files.keySet()) {
      int d = 0;
      while (p.startsWith("../", d * 3)) {
        d++;
      }
      StringBuilder b = new StringBuilder(folder);
      for (int i = 0; i < depth - d; i++) {
        b.append(b.isEmpty() ? "" : "/").append("u").append(i);
      }
      out.put(p, (b.isEmpty() ? "" : b + "/") + p.substring(d * 3));
    }
    out.put("", out.get(main));
    return out;
  }
}
