package org.openchance.api.scoring;

/**
 * What one criterion added to a score.
 *
 * @param value       the criterion's raw value as text (e.g. "850 employees"), or null
 * @param points      the points it gave, before weighting
 * @param explanation one sentence a sales person understands
 */
public record Contribution(String criterion, double weight, String value, double points, String explanation) {}
