import { PassThrough, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { batchRow, filledTemplate, unzip, zip } from '../../test/batch-files';
import { cellText } from './cell-values';
import { streamWorkbook } from './xlsx-reader';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

/** 10,000 distinct Chinese names (2–4 characters), deterministic. */
function chineseNames(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const given = GIVEN[i % GIVEN.length] + (i % 3 ? GIVEN[(i * 7) % GIVEN.length] : '') + (i % 5 === 0 ? GIVEN[(i * 13) % GIVEN.length] : '');
    names.push(SURNAMES[Math.floor(i / GIVEN.length) % SURNAMES.length] + given);
  }
  return names;
}

async function workbookOf(names: string[], useSharedStrings: boolean): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings });
  const sheet = writer.addWorksheet('名单');
  names.forEach((name, i) => sheet.addRow([name, `福建省福州市鼓楼区${name}路${i}号`]).commit());
  sheet.commit();
  await writer.commit();
  return Buffer.concat(chunks);
}

async function namesReadBy(rows: AsyncIterable<{ values: ExcelJS.CellValue[] }>, column = 0): Promise<string[]> {
  const found: string[] = [];
  for await (const row of rows) found.push(cellText(row.values[column]).text);
  return found;
}

describe('the streaming workbook reader', () => {
  const names = chineseNames(10_000);

  for (const useSharedStrings of [true, false]) {
    const where = useSharedStrings ? 'shared strings (as Excel saves)' : 'inline strings in the worksheet';

    it(`reads 10,000 Chinese names back unchanged from ${where}`, async () => {
      const file = await workbookOf(names, useSharedStrings);
      const { sheets } = streamWorkbook(file);
      const read: string[][] = [];
      for await (const sheet of sheets) read.push(await namesReadBy(sheet.rows));
      expect(read[0].length).toBe(names.length);
      const damaged = read[0].filter((name, i) => name !== names[i]);
      expect(damaged).toEqual([]);
      expect(read[0].join('')).not.toContain('\uFFFD');
    });

    it(`needs the repair: exceljs's own reader damages some of them in ${where}`, async () => {
      const file = await workbookOf(names, useSharedStrings);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { sharedStrings: 'cache', worksheets: 'emit' });
      let replaced = 0;
      for await (const sheet of reader) {
        for await (const row of sheet) {
          for (const value of (row.values as ExcelJS.CellValue[]).slice(1)) if (String(value).includes('\uFFFD')) replaced++;
        }
      }
      expect(replaced).toBeGreaterThan(0);
    });
  }

  it('reads every sheet when it takes its time over one: exceljs alone loses the entries unzipper parsed ahead', async () => {
    const parts = unzip(await filledTemplate('addition', [batchRow('11010519491231002X')]));
    // With the shared strings first, the first sheet is read while the archive is still being walked.
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
    const file = zip([...first.map((name) => parts.find((p) => p.name === name)!), ...parts.filter((p) => !first.includes(p.name))]);
    const slowly = async <S extends { name: string }>(sheets: AsyncIterable<S>, rowsOf: (sheet: S) => AsyncIterable<unknown>) => {
      const names: string[] = [];
      for await (const sheet of sheets) {
        names.push(sheet.name);
        for await (const _ of rowsOf(sheet)) await sleep(20);
      }
      return names;
    };
    expect(await slowly(streamWorkbook(file).sheets, (sheet) => sheet.rows)).toEqual(['增员', '填写说明', '_template']);

    const unrepaired = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { sharedStrings: 'cache', worksheets: 'emit' });
    type UnnamedSheet = AsyncIterable<unknown> & { name: string };
    expect((await slowly(unrepaired as unknown as AsyncIterable<UnnamedSheet>, (sheet) => sheet)).length).toBeLessThan(3);
  });
});
