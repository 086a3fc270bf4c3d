package org.camelav.media.sidedata;

/**
 * CTA-861.3 content light level ({@code AVContentLightMetadata}): the brightest pixel (MaxCLL) and the brightest frame
 * average (MaxFALL) of the content, in cd/m².
 */
public record ContentLight(int maxCll, int maxFall) {
}
