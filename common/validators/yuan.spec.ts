import { wageFenFromYuan } from './yuan';
import { YUAN_INPUTS } from './yuan-inputs';

describe('wageFenFromYuan', () => {
  it('reads the shared table of typed and pasted wages', () => {
    for (const { text, fen } of YUAN_INPUTS) expect(wageFenFromYuan(text)).withContext(text).toBe(fen);
  });
});
