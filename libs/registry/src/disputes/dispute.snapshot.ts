import type { DeadlineRow, DisputeSnapshot, DisputeState } from '@app/procedure';
import type { DisputeEntity } from './dispute.entity';

/** What the engine needs of a stored dispute and its deadline rows. */
export function toSnapshot(dispute: DisputeEntity, deadlines: readonly DeadlineRow[]): DisputeSnapshot {
  return {
    stage: dispute.stage,
    stageBeforeSuspension: dispute.stageBeforeSuspension,
    suspendedAt: dispute.suspendedAt,
    goodOffices: dispute.goodOffices,
    goodOfficesSince: dispute.goodOfficesSince,
    bodyMeetingsSincePanelRequest: dispute.bodyMeetingsSincePanelRequest,
    agreements: dispute.agreements ?? {},
    events: dispute.events ?? {},
    rptEndsOn: dispute.rptEndsOn,
    complianceRound: dispute.complianceRound ?? 0,
    urgent: dispute.urgent,
    filedAt: dispute.filedAt,
    deadlines,
  };
}

/** Copies the engine's new state onto the entity. */
export function applyState(dispute: DisputeEntity, state: DisputeState): void {
  dispute.stage = state.stage;
  dispute.stageBeforeSuspension = state.stageBeforeSuspension;
  dispute.suspendedAt = state.suspendedAt;
  dispute.goodOffices = state.goodOffices;
  dispute.goodOfficesSince = state.goodOfficesSince;
  dispute.bodyMeetingsSincePanelRequest = state.bodyMeetingsSincePanelRequest;
  dispute.agreements = state.agreements;
  dispute.events = state.events;
  dispute.rptEndsOn = state.rptEndsOn;
  dispute.complianceRound = state.complianceRound;
}
