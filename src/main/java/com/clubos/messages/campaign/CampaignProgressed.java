package com.clubos.messages.campaign;

/** Fired in the transaction that recorded a campaign's new progress; the change feed pushes it after commit. */
public record CampaignProgressed(long campaignId) {}
