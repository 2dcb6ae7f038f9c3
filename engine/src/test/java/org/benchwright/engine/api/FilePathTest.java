package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file path asked of the service is refused when it would leave the run, twice: by the contract
 * (before any operation runs) and by the operation itself (so neither relies on the other).
 */
class FilePathTest {

  private static List<String> contract(String path) {
    return Contract.shipped()
        .check("GET", "/runs/1/files/content", Map.of("path", List.of(path)), Map.of(), null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x",
        "..",
        ".",
        "a/../../x",
        "a/..",
        "./a",
        "a/./b",
        "/etc/passwd",
        "a\\b",
        "..\\x",
        "a\u0000b",
        "a\nb",
        "C:/x",
        "c:x",
        "a//b",
        "a/",
        ""
      })
  void aPathOutsideTheRunIsRefusedByTheContractAndByTheOperation(String path) {
    assertThat(contract(path)).as(path).isNotEmpty();
    assertThatThrownBy(() -> FileOperations.checked(path))
        .isInstanceOf(ApiProblem.class)
        .hasMessageContaining("The file path ")
        .satisfies(e -> assertThat(((ApiProblem) e).status()).isEqualTo(400));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "src/main.py", "..a", "a..", "a/.hidden", "a b/c%2e", "über.txt"})
  void aPathInsideTheRunIsLetThrough(String path) {
    assertThat(contract(path)).as(path).isEmpty();
    assertThat(FileOperations.checked(path)).isEqualTo(path);
  }
}
