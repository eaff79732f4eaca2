/**
 * The names candidates carry in the count and in the BLT export: "Name (NAT)", made unique in
 * ballot order. The count draws lots on these labels (SHA-256 of seed, stage and label), so the
 * tally command recounting the exported file breaks ties exactly as the official count did.
 */
export function candidateLabels(candidates: readonly { id: string; name: string; nationality: string }[]): Map<string, string> {
  const labels = new Map<string, string>();
  const used = new Set<string>();
  for (const c of candidates) {
    const base = `${c.name} (${c.nationality})`.replace(/["\r\n]/g, "'");
    let label = base;
    for (let n = 2; used.has(label); n += 1) label = `${base} #${n}`;
    used.add(label);
    labels.set(c.id, label);
  }
  return labels;
}
