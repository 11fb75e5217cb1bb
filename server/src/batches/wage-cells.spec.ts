import { YUAN_INPUTS } from '@common/validators/yuan-inputs';
import { filledTemplate, batchRow } from '../../test/batch-files';
import { newIdNumber } from '../../test/declarations';
import { TEMPLATES } from '../../../templates';
import { importSheet } from './sheet-import';

describe('the importer reads wages', () => {
  it('by the same table of inputs as the addition form (common/validators/yuan-inputs.ts)', async () => {
    const def = TEMPLATES.addition;
    const wageColumn = def.columns.findIndex((c) => c.key === 'wageFen');
    const file = await filledTemplate(
      'addition',
      YUAN_INPUTS.map((input, i) => batchRow(newIdNumber(100 + i), { wageFen: input.text })),
    );
    const read = await importSheet(file, def, new Date('2026-11-10T00:00:00Z'));
    expect(read.rows).toBe(YUAN_INPUTS.length);
    YUAN_INPUTS.forEach((input, i) => {
      const row = i + 2;
      const valid = read.valid.find((r) => r.rowNumber === row);
      const problems = read.problems.filter((p) => p.row === row);
      if (input.fen === null) {
        expect(valid).withContext(input.text).toBeUndefined();
        expect(problems.map((p) => p.column))
          .withContext(input.text)
          .toEqual([wageColumn]);
      } else {
        expect(problems).withContext(input.text).toEqual([]);
        expect(valid && 'wageFen' in valid.input ? valid.input.wageFen : undefined)
          .withContext(input.text)
          .toBe(input.fen);
      }
    });
  });
});
