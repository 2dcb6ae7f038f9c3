package org.benchwright.engine.export;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces API keys, tokens and credentials in text with {@code [REDACTED:<kind>]}. Applied to
 * every string an export writes: prompts, messages, tool arguments, tool results (and so file
 * contents). Patterns never consume quotes or backslashes around a secret, so JSON text stays JSON.
 */
public final class SecretScrubber {

  /** A rule runs only when the lower-cased text contains one of its triggers (cheap to test). */
  private record Rule(String kind, Pattern pattern, int group, String... triggers) {}

  // Order matters: specific formats before the generic key=value rule.
  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "private_key",
              Pattern.compile(
                  "-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\\s\\S]*?-----END [A-Z0-9"
                      + " ]*PRIVATE KEY( BLOCK)?-----"),
              0,
              "private key"),
          new Rule(
              "url_credentials",
              Pattern.compile(
                  "\\b[a-zA-Z][a-zA-Z0-9+.\\-]*://([^\\s/?#@\"'<>\\\\]+:[^\\s/?#@\"'<>\\\\]+)@"),
              1,
              "://"),
          new Rule(
              "anthropic_key", Pattern.compile("\\bsk-ant-[A-Za-z0-9_\\-]{16,}"), 0, "sk-ant-"),
          new Rule("openai_key", Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{20,}"), 0, "sk-"),
          new Rule("google_api_key", Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{30,}"), 0, "aiza"),
          new Rule(
              "github_token", Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{20,}"), 0, "github_pat_"),
          new Rule("github_token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}"), 0, "gh"),
          new Rule(
              "aws_access_key",
              Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
              0,
              "akia",
              "asia"),
          new Rule(
              "bearer_token",
              Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9\\-._~+/]{8,}=*)"),
              1,
              "bearer"),
          // NAME=value, NAME: value, "name": "value" where the name ends in a secret-ish word.
          new Rule(
              "credential",
              Pattern.compile(
                  "(?i)\\b[A-Za-z0-9_.\\-]*?(?:password|passwd|passphrase|token|api[_\\-]?key"
                      + "|secret|secret[_\\-]?key|access[_\\-]?key|private[_\\-]?key|credentials?)"
                      + "\\\\?[\"']?\\s*[:=]\\s*(?:\\\\?\"([^\"\\\\\\n]+)\\\\?\"|'([^'\\n]+)'"
                      + "|(?!\\[REDACTED)([^\\s\"'\\\\,;&}\\])]+))"),
              -1,
              "pass",
              "token",
              "key",
              "secret",
              "credential"));

  /** Returns the text with every secret it recognises replaced; null stays null. */
  public String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    String s = text;
    for (Rule rule : RULES) {
      for (String trigger : rule.triggers()) {
        if (lower.contains(trigger)) {
          s = apply(rule, s);
          break;
        }
      }
    }
    return s;
  }

  private static String apply(Rule rule, String s) {
    Matcher m = rule.pattern().matcher(s);
    if (!m.find()) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int last = 0;
    do {
      int group = rule.group();
      if (group < 0) { // the first value alternative that matched
        for (int g = 1; g <= m.groupCount(); g++) {
          if (m.start(g) >= 0) {
            group = g;
            break;
          }
        }
      }
      if (group < 0 || m.group(group).startsWith("[REDACTED")) {
        continue;
      }
      out.append(s, last, m.start(group)).append("[REDACTED:").append(rule.kind()).append(']');
      last = m.end(group);
    } while (m.find());
    return out.append(s, last, s.length()).toString();
  }
}
