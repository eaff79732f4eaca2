import { candidateLabels } from './candidate-labels';

describe('candidateLabels', () => {
  it('labels by name and nationality, unique in ballot order, safe for BLT quoting', () => {
    const labels = candidateLabels([
      { id: 'a', name: 'Li Wei', nationality: 'SGP' },
      { id: 'b', name: 'Li Wei', nationality: 'SGP' },
      { id: 'c', name: 'Ana "Nana" Silva', nationality: 'BRA' },
    ]);
    expect([...labels.values()]).toEqual(['Li Wei (SGP)', 'Li Wei (SGP) #2', "Ana 'Nana' Silva (BRA)"]);
  });
});
