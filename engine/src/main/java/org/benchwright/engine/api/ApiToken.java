package org.benchwright.engine.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The service's bearer token: {@code bw1.PROJECT-UID.SECRET}, new at every start. The project's uid
 * is in the clear so a client holding another project's token is told so, instead of only "wrong
 * token"; the secret (256 random bits) is what is checked, in constant time.
 */
public final class ApiToken {

  private static final String PREFIX = "bw1.";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String projectUid;
  private final String value;

  private ApiToken(String projectUid, String value) {
    this.projectUid = projectUid;
    this.value = value;
  }

  public static ApiToken generate(String projectUid) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new ApiToken(
        projectUid,
        PREFIX + projectUid + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  public String value() {
    return value;
  }

  /** Where {@code serve} writes the token of a project unless told otherwise. */
  public static Path defaultFile(String projectUid) {
    return Path.of(
        System.getProperty("user.home"), ".config", "benchwright", "serve", projectUid + ".token");
  }

  /**
   * Writes the token to a file only its owner can read or write (created so from the start: the
   * token is never readable by others, not even for a moment).
   */
  public void writeTo(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
    boolean posix =
        Files.getFileStore(Files.createDirectories(dir)).supportsFileAttributeView("posix");
    Files.deleteIfExists(file);
    if (posix) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
    }
    Files.writeString(
        file,
        value + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    if (posix) {
      Files.setPosixFilePermissions(file, owner);
    }
  }

  /** Why a presented {@code Authorization} header is refused; empty when it carries this token. */
  Optional<String> refusal(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.of(
          "No bearer token. Send 'Authorization: Bearer TOKEN' (see the token file).");
    }
    String[] parts = authorization.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      return Optional.of("The Authorization header is not 'Bearer TOKEN'.");
    }
    String presented = parts[1];
    if (MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    if (presented.startsWith(PREFIX)) {
      int dot = presented.indexOf('.', PREFIX.length());
      if (dot > 0) {
        String uid = presented.substring(PREFIX.length(), dot);
        if (!uid.equals(projectUid)) {
          return Optional.of(
              "This token belongs to another project ("
                  + uid
                  + "); this service serves project "
                  + projectUid
                  + ".");
        }
      }
    }
    return Optional.of(
        "Wrong token. The service writes a new one at every start: read it from the token file.");
  }
}
