package org.benchwright.engine.capabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CapabilitySpecTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static final String GOOD =
      """
      {"name": "percentage_of", "description": "A percentage of a number.",
       "parameters": {"type": "object",
                      "properties": {"percent": {"type": "number"}, "value": {"type": "number"}},
                      "required": ["percent", "value"], "additionalProperties": false},
       "result": {"type": "number"},
       "examples": [{"arguments": {"percent": 15, "value": 300}, "result": 45}]}
      """;

  static CapabilitySpec parse(String json) throws Exception {
    return CapabilitySpec.parse(JSON.readTree(json));
  }

  @Test
  void aGoodSpecIsReadWithItsArgumentNamesAndChecksArgumentsAndResults() throws Exception {
    CapabilitySpec s = parse(GOOD);
    assertThat(s.parameterNames()).containsExactly("percent", "value");
    assertThat(s.argumentProblems(JSON.readTree("{\"percent\": 15, \"value\": 300}"))).isEmpty();
    assertThat(s.argumentProblems(JSON.readTree("{\"percent\": \"15%\", \"value\": 300}")))
        .isNotEmpty();
    assertThat(s.argumentProblems(JSON.readTree("{\"pct\": 15, \"value\": 300}"))).isNotEmpty();
    assertThat(s.resultProblems(JSON.readTree("45.0"))).isEmpty();
    assertThat(s.resultProblems(JSON.readTree("\"45\""))).isNotEmpty();
    assertThat(CapabilitySpec.parse(s.toJson())).isEqualTo(s);
  }

  @Test
  void aSchemaThatIsNotJsonSchemaIsRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                parse(
                    GOOD.replace(
                        "\"result\": {\"type\": \"number\"}", "\"result\": {\"type\": \"numbr\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("result:");
    assertThatThrownBy(
            () ->
                parse(
                    GOOD.replace(
                        "\"required\": [\"percent\", \"value\"]", "\"required\": \"percent\"")))
        .hasMessageContaining("parameters:");
    assertThatThrownBy(() -> parse(GOOD.replace("\"type\": \"object\"", "\"type\": \"array\"")))
        .hasMessageContaining("must be {\"type\": \"object\"");
  }

  @Test
  void namesMustBePythonFunctionNamesAndExamplesMustConform() {
    assertThatThrownBy(() -> parse(GOOD.replace("percentage_of", "class")))
        .hasMessageContaining("is not a capability name");
    assertThatThrownBy(() -> parse(GOOD.replace("percentage_of", "Percentage Of")))
        .hasMessageContaining("is not a capability name");
    assertThatThrownBy(() -> parse(GOOD.replace("\"result\": 45", "\"result\": \"45\"")))
        .hasMessageContaining("examples[0].result");
    assertThatThrownBy(() -> parse(GOOD.replace("\"percent\": 15,", "")))
        .hasMessageContaining("examples[0].arguments");
    assertThatThrownBy(() -> parse(GOOD.replace("[{\"arguments\"", "[]  ,[{\"arguments\"")))
        .isInstanceOf(Exception.class);
    assertThatThrownBy(() -> CapabilitySpec.parse(JSON.getNodeFactory().textNode("x")))
        .hasMessageContaining("JSON object");
  }
}
