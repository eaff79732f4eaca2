// The demo's past hearings (@app/hearings), written as HearingsService.schedule and
// ParticipationService.recordAttendance write them: for each elected panel whose docket has its
// substantive meetings held (holdFirstMeeting, holdSecondMeeting: the engine's steps that the
// attendance records), the meeting on the working day before, in the Council Room, with its
// participants (the seated panelists, the parties, one of the secretariat) and their bookings, and
// the third-party session the same afternoon when the panel has third parties (DSU 10.2); the
// scheduling docketed by the secretariat four weeks ahead, and the attendance recorded by a
// panelist at the docket's meeting step. The engine's steps themselves are the simulation's.
import { formatLocal, startOfLocalDay } from '@app/hearings';
import { addDays, toIsoDate, type ClosedDays } from '@app/procedure';
import { DAY, HOUR } from './clock';
import type { DocketEvent, Dispute } from './disputes';
import type { Rng } from './random';
import type { World } from './world';

/** Where the demo's panels sit, and the zone their hearings are shown in (as ../demo-live.ts). */
const ZONE = 'Europe/Zurich';
export const DEMO_ROOM = { name: 'Council Room', location: 'Centre William Rappard, Geneva' };

export interface HearingRows {
  rooms: Record<string, unknown>[];
  hearings: Record<string, unknown>[];
  participants: Record<string, unknown>[];
  bookings: Record<string, unknown>[];
}

type Kind = 'FIRST_SUBSTANTIVE_MEETING' | 'THIRD_PARTY_SESSION' | 'SECOND_SUBSTANTIVE_MEETING';
// The hearings' words for the kinds (HUMAN_KIND of libs/hearings/src/hearings/bookings.service.ts).
const HUMAN: Record<Kind, string> = {
  FIRST_SUBSTANTIVE_MEETING: 'first substantive meeting',
  THIRD_PARTY_SESSION: 'third-party session',
  SECOND_SUBSTANTIVE_MEETING: 'second substantive meeting',
};

const workingDay = (day: string, closed: ClosedDays) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !(closed.dates ?? []).includes(day);
};

export function makeHearings(rng: Rng, world: World, disputes: Dispute[], seats: Record<string, unknown>[]): HearingRows {
  const room = { id: rng.uuid(), ...DEMO_ROOM, active: true, created_at: new Date(Math.min(...disputes.map((d) => d.filedAt.getTime()))) };
  const out: HearingRows = { rooms: [room], hearings: [], participants: [], bookings: [] };
  // What each resource is booked for: no two hearings hold one (the exclusion constraint).
  const booked = new Map<string, [number, number][]>();
  const free = (keys: string[], start: number, end: number) =>
    keys.every((k) => !(booked.get(k) ?? []).some(([s, e]) => s < end && start < e));
  const hold = (keys: string[], start: number, end: number) => keys.forEach((k) => booked.set(k, [...(booked.get(k) ?? []), [start, end]]));

  for (const d of disputes) {
    const seated = seats.filter((s) => s.dispute_id === d.id && s.vacated_at === null);
    const recorder = seated.find((s) => s.user_id) ?? null;
    if (!recorder) continue;
    const events = [...d.events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
    const principal = d.parties.filter((p) => p.kind !== 'THIRD_PARTY').map((p) => p.memberId);
    const third = d.parties.filter((p) => p.kind === 'THIRD_PARTY').map((p) => p.memberId);
    const staff = world.secretariat[d.index % world.secretariat.length];

    const meeting = (step: DocketEvent, sessions: [Kind, number, number][]) => {
      // The working day before the step (the attendance is recorded the next morning), or earlier
      // when a panelist, a party, the staff or the room is taken that day.
      let day = addDays(toIsoDate(step.at), -1);
      const plan = () =>
        sessions.map(([kind, from, to]) => {
          const members = kind === 'THIRD_PARTY_SESSION' ? [...principal, ...third] : principal;
          const participants = [
            ...seated.map((s) => ['PANELIST', s.person_id as string] as const),
            ...principal.map((m) => ['PARTY', m] as const),
            ...(kind === 'THIRD_PARTY_SESSION' ? third.map((m) => ['THIRD_PARTY', m] as const) : []),
            ['STAFF', staff] as const,
          ];
          const start = startOfLocalDay(day, ZONE).getTime() + from * HOUR;
          const end = startOfLocalDay(day, ZONE).getTime() + to * HOUR;
          const keys = [
            `ROOM:${room.id}`,
            ...seated.map((s) => `PANELIST:${s.person_id as string}`),
            ...members.map((m) => `MEMBER:${m}`),
            `STAFF:${staff}`,
          ];
          return { kind, start, end, keys, participants };
        });
      let planned = plan();
      for (let tries = 0; tries < 30 && !(workingDay(day, world.closed) && planned.every((p) => free(p.keys, p.start, p.end))); tries++) {
        day = addDays(day, -1);
        planned = plan();
      }
      if (!planned.every((p) => free(p.keys, p.start, p.end))) return;
      if (d.composedAt && planned[0].start - 28 * DAY < d.composedAt.getTime()) return;
      const recorderRole = recorder.chair ? 'PANEL_CHAIR' : 'PANEL';
      step.actorId = recorder.user_id as string;
      for (const [i, p] of planned.entries()) {
        hold(p.keys, p.start, p.end);
        const id = rng.uuid();
        const scheduledAt = new Date(startOfLocalDay(addDays(day, -28), ZONE).getTime() + 10 * HOUR + i * 60_000);
        const startsAt = new Date(p.start);
        const endsAt = new Date(p.end);
        out.hearings.push({
          id,
          dispute_id: d.id,
          kind: p.kind,
          status: 'SCHEDULED',
          starts_at: startsAt,
          ends_at: endsAt,
          time_zone: ZONE,
          room_id: room.id,
          virtual_link: null,
          public_observation: false,
          sequence: 0,
          reason: null,
          set_at: scheduledAt,
          scheduled_by_id: staff,
          version: 1,
          created_at: scheduledAt,
          updated_at: scheduledAt,
        });
        d.events.push({
          at: scheduledAt,
          order: d.events.length,
          kind: 'scheduleHearing',
          actorRole: 'SECRETARIAT',
          actorId: staff,
          text: `The ${HUMAN[p.kind]} is scheduled from ${formatLocal(startsAt, ZONE)} to ${formatLocal(endsAt, ZONE)} (${ZONE}) in ${room.name}.`,
          documentIds: [],
        });
        // Everyone attends, but now and then a third party's delegation.
        let attended = 0;
        for (const [kind, refId] of p.participants) {
          const present = kind !== 'THIRD_PARTY' || rng.chance(0.7);
          if (present) attended += 1;
          out.participants.push({ hearing_id: id, kind, ref_id: refId, attended: present });
          const resource = kind === 'PANELIST' ? 'PANELIST' : kind === 'STAFF' ? 'STAFF' : 'MEMBER';
          out.bookings.push({
            id: rng.uuid(),
            hearing_id: id,
            resource_kind: resource,
            resource_id: refId,
            during: `[${startsAt.toISOString()},${endsAt.toISOString()})`,
          });
        }
        out.bookings.push({
          id: rng.uuid(),
          hearing_id: id,
          resource_kind: 'ROOM',
          resource_id: room.id,
          during: `[${startsAt.toISOString()},${endsAt.toISOString()})`,
        });
        // Recorded at the docket's meeting step (after it: the step is taken in the same command).
        d.events.push({
          at: step.at,
          order: step.order + 0.1 + i * 0.01,
          kind: 'recordAttendance',
          actorRole: recorderRole,
          actorId: recorder.user_id as string,
          text: `Attendance at the ${p.kind.toLowerCase().replace(/_/g, ' ')} of ${startsAt.toISOString().slice(0, 10)} recorded: ${attended} of ${p.participants.length} participants attended.`,
          documentIds: [],
        });
      }
    };

    const first = events.find((e) => e.kind === 'holdFirstMeeting');
    const second = events.find((e) => e.kind === 'holdSecondMeeting');
    if (first)
      meeting(first, [
        ['FIRST_SUBSTANTIVE_MEETING', 9.5, 12.5],
        ...(third.length ? ([['THIRD_PARTY_SESSION', 14.5, 17]] as [Kind, number, number][]) : []),
      ]);
    if (second) meeting(second, [['SECOND_SUBSTANTIVE_MEETING', 9.5, 17.5]]);
  }
  return out;
}
