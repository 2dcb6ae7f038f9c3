package org.benchwright.engine.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where API keys come from: the environment first, then the user's key file ({@code
 * ~/.config/benchwright/keys.properties}, lines like {@code openai=sk-...}). Never the project
 * file: keys stay with the user, not with the projects they share.
 *
 * <p>The file is read each time a key is needed, so a fixed file takes effect without a restart.
 * Keys never appear in {@link #toString()} or in exception messages.
 */
public final class ApiKeys {

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  /** Only the variables that hold keys: the rest of the environment is none of our business. */
  private final Map<String, String> variables;

  private final Path userFile;

  private ApiKeys(Map<String, String> variables, Path userFile) {
    this.variables = variables;
    this.userFile = userFile;
  }

  public static ApiKeys fromEnvironmentAndUserFile() {
    return of(System.getenv(), defaultUserFile());
  }

  /**
   * @param env environment variables (only the key variables are kept)
   * @param userFile the key file; need not exist; null for none
   */
  public static ApiKeys of(Map<String, String> env, Path userFile) {
    Map<String, String> variables = new HashMap<>();
    Arrays.stream(Provider.values())
        .flatMap(p -> p.keyVariables().stream())
        .filter(name -> isSet(env.get(name)))
        .forEach(name -> variables.put(name, env.get(name).strip()));
    return new ApiKeys(Map.copyOf(variables), userFile);
  }

  static Path defaultUserFile() {
    return Path.of(System.getProperty("user.home"), ".config", "benchwright", "keys.properties");
  }

  /**
   * The key for a provider, or empty when there is none (or the provider takes no key).
   *
   * @throws ModelException of kind CONFIGURATION when the key file has to be read but other users
   *     can read it, or it cannot be read
   */
  public Optional<String> forProvider(String provider) {
    Optional<Provider> known = Provider.byId(provider);
    if (known.isEmpty() || !known.get().usesKey()) {
      return Optional.empty();
    }
    for (String name : known.get().keyVariables()) {
      if (variables.containsKey(name)) {
        return Optional.of(variables.get(name));
      }
    }
    return fromUserFile(known.get().id());
  }

  /**
   * Whether a provider has a key here, never the key.
   *
   * @param required the provider cannot be called without one
   * @param problem why the key could not be looked up (an unreadable key file), or null
   */
  public record KeyStatus(String provider, boolean required, boolean configured, String problem) {}

  /** Each built-in provider's key status: for health reports, which must not show keys. */
  public java.util.List<KeyStatus> statuses() {
    return Arrays.stream(Provider.values())
        .map(
            p -> {
              try {
                return new KeyStatus(
                    p.id(), p.keyRequired(), forProvider(p.id()).isPresent(), null);
              } catch (ModelException e) {
                return new KeyStatus(p.id(), p.keyRequired(), false, e.getMessage());
              }
            })
        .toList();
  }

  /** The key file as the user would type it: {@code ~/...} when under their home. */
  String userFileForDisplay() {
    Path file = userFile != null ? userFile : defaultUserFile();
    Path home = Path.of(System.getProperty("user.home"));
    return file.startsWith(home)
        ? "~/" + home.relativize(file).toString().replace('\\', '/')
        : file.toString();
  }

  private Optional<String> fromUserFile(String name) {
    if (userFile == null || !Files.isRegularFile(userFile)) {
      return Optional.empty();
    }
    refuseIfOthersCanAccess();
    Properties keys = new Properties();
    try (Reader reader = Files.newBufferedReader(userFile, StandardCharsets.UTF_8)) {
      keys.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      // Neither carries file content (Properties reports only "Malformed \\uxxxx encoding").
      throw new ModelException(
          ModelException.Kind.CONFIGURATION,
          "Could not read the key file "
              + userFile
              + " ("
              + e.getMessage()
              + "). Fix it: one line per provider, like openai=sk-....",
          e);
    }
    String key = keys.getProperty(name);
    return isSet(key) ? Optional.of(key.strip()) : Optional.empty();
  }

  private void refuseIfOthersCanAccess() {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(userFile);
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system (Windows): the profile folder's ACL guards the file
    } catch (IOException e) {
      throw new ModelException(
          ModelException.Kind.CONFIGURATION,
          "Could not check who may read the key file " + userFile + " (" + e.getMessage() + ").",
          e);
    }
    if (permissions.stream().anyMatch(OTHERS::contains)) {
      throw new ModelException(
          ModelException.Kind.CONFIGURATION,
          "The key file "
              + userFile
              + " is open to other users ("
              + PosixFilePermissions.toString(permissions)
              + "), so Benchwright will not read it. Run: chmod 600 "
              + userFile);
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  @Override
  public String toString() {
    return "ApiKeys[environment: "
        + String.join(", ", variables.keySet().stream().sorted().toList())
        + "; file: "
        + userFileForDisplay()
        + "]";
  }
}
