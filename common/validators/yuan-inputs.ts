/**
 * One table of typed or pasted wages for every path that reads yuan: the common spec runs it through
 * `wageFenFromYuan`, the client spec through the addition form, the server spec through the importer.
 * `fen: null` means refused. Expected values are worked out by hand, never by the parser.
 */
export interface YuanInput {
  text: string;
  fen: number | null;
}

export const YUAN_INPUTS: readonly YuanInput[] = [
  { text: '4800', fen: 480_000 },
  { text: '8000.5', fen: 800_050 },
  { text: '8000.05', fen: 800_005 },
  { text: '0.29', fen: 29 },
  { text: ' 12,345.67 ', fen: 1_234_567 },
  { text: '4800.', fen: 480_000 },
  { text: '¥4800', fen: 480_000 },
  { text: '￥4,800.50', fen: 480_050 },
  { text: '4800元', fen: 480_000 },
  { text: '¥6,000.00元', fen: 600_000 },
  // Typed with a Chinese IME in full-width mode: full-width digits and the full-width comma.
  { text: '８０００', fen: 800_000 },
  { text: '８０００.５', fen: 800_050 },
  { text: '１２，３４５', fen: 1_234_500 },
  { text: '1，234，567.89', fen: 123_456_789 },
  // The schema's maximum, 10 million yuan, and one fen more.
  { text: '10000000', fen: 1_000_000_000 },
  { text: '10,000,000.00', fen: 1_000_000_000 },
  { text: '10000000.01', fen: null },
  { text: '9999999999', fen: null },
  { text: '0', fen: null },
  { text: '0.00', fen: null },
  { text: '8000.555', fen: null },
  { text: '-1', fen: null },
  { text: '1e4', fen: null },
  { text: '8 000', fen: null },
  { text: 'abc', fen: null },
  { text: '.5', fen: null },
  { text: '12,34', fen: null },
  { text: '1,2345', fen: null },
  { text: ',4800', fen: null },
  { text: '4800元元', fen: null },
  { text: '4800.5.', fen: null },
  { text: '¥', fen: null },
];
