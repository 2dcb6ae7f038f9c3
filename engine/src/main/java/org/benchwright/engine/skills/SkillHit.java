package org.benchwright.engine.skills;

import org.benchwright.engine.project.Skills.SkillVersion;

/**
 * One search result: the newest version of a skill and why it ranked where it did.
 *
 * @param score the combined score used for ranking, 0..1
 * @param semantic cosine similarity of the query and the skill's embedding, clamped to 0..1
 * @param keyword share of the query's words found in the skill (title words count fully, body words
 *     {@value HybridRanker#BODY_WORD} each)
 */
public record SkillHit(SkillVersion skill, double score, double semantic, double keyword) {}
