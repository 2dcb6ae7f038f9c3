package org.benchwright.desktop.live;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.benchwright.engine.agent.WorkflowDefinition;

/**
 * The workflows the engine ships: every definition beside {@code benchmark-generator.json} on the
 * class path that loads. Listed from the folder (or the jar), so a new workflow needs no desktop
 * change.
 */
public final class WorkflowCatalog {

  static final String FOLDER = "org/benchwright/engine/workflow/";

  /** A workflow the user can pick, with its one-line description. */
  public record Entry(String name, String description) {
    @Override
    public String toString() {
      return name;
    }
  }

  private WorkflowCatalog() {}

  public static List<Entry> available() {
    List<Entry> found = new ArrayList<>();
    for (String name : names()) {
      try {
        WorkflowDefinition def = WorkflowDefinition.load(name);
        found.add(new Entry(def.name(), def.description()));
      } catch (RuntimeException e) {
        // A definition that does not load is not offered; starting it would only fail.
      }
    }
    return List.copyOf(found);
  }

  private static List<String> names() {
    URL url = WorkflowDefinition.class.getClassLoader().getResource(FOLDER);
    if (url == null) {
      return List.of();
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return list(fs.provider().getPath(uri));
      }
      return list(Path.of(uri));
    } catch (IOException | URISyntaxException e) {
      return List.of();
    }
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
    }
  }
}
