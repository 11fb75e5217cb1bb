/**
 * Generates templates/bank-branches.json, the bundled branch list the bank account change searches:
 * the branches of the major banks in cities of several provinces, each with its CNAPS-style code and the
 * pinyin initials of its name, so "gsfzwy", "GHFZ" or "工行福州" find 中国工商银行福州五一支行.
 *
 *   node --import tsx scripts/generate-bank-branches.ts
 *
 * Deterministic: the same input gives the same file. Pinyin comes from the small table below, which covers
 * exactly the characters used here (the script stops on any other), so no pinyin package is needed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BankCategory } from '@common/api/maintenance';

/** Initial letter → characters read with it, as they are read in these names (行 háng, 长 cháng, 厦 xià, 番 pān). */
const INITIALS: Record<string, string> = {
  a: '安岸',
  b: '北宝波滨白碑碧部',
  c: '仓储刺城常慈成昌春沧长',
  d: '东大道都',
  f: '丰分发府福芙',
  g: '光国姑岗工广拱观谷高鼓',
  h: '侯华杭汉河洪海淮湖环禾花行黄',
  j: '九交京嘉建技晋江街角金锦集',
  k: '口开昆科',
  l: '仑利林楼洛流罗荔莲路里陵鲤鹭麓龙',
  m: '明民美门马',
  n: '农南宁牛',
  p: '埔屏平浦番',
  q: '前区庆强曲栖泉秦钱青',
  r: '人蓉',
  s: '三上双商四墅山市思曙沙深熟狮生石胜苏蛇设',
  t: '台同塔塘天桐田通',
  w: '五吴尾文未武温湾',
  x: '仙信兴厦夏徐心新星溪熙玄相祥秀翔芗萧蓄西霞',
  y: '一业云余元园央姚岳延禺羊营越邮邺鄞银阳雁雨',
  z: '中圳展州招支政泽漳珠钟镇',
};

const INITIAL_OF = new Map<string, string>();
for (const [initial, chars] of Object.entries(INITIALS)) {
  for (const char of chars) {
    const known = INITIAL_OF.get(char);
    if (known && known !== initial) throw new Error(`${char} is listed under ${known} and ${initial}`);
    INITIAL_OF.set(char, initial);
  }
}

function initialsOf(text: string): string {
  return [...text]
    .map((char) => {
      const initial = INITIAL_OF.get(char);
      if (!initial) throw new Error(`no pinyin initial for ${char} (in ${text})`);
      return initial;
    })
    .join('');
}

interface Bank {
  category: BankCategory;
  name: string;
  /** The bank code of CNAPS numbers (the first three digits of a branch's code). */
  cnaps: string;
  /** What people call it: 工行, 工商银行 … */
  aliases: string[];
}

const BANKS: Bank[] = [
  { category: 'ICBC', name: '中国工商银行', cnaps: '102', aliases: ['工商银行', '工商', '工行'] },
  { category: 'ABC', name: '中国农业银行', cnaps: '103', aliases: ['农业银行', '农行'] },
  { category: 'BOC', name: '中国银行', cnaps: '104', aliases: ['中行'] },
  { category: 'CCB', name: '中国建设银行', cnaps: '105', aliases: ['建设银行', '建行'] },
  { category: 'BOCOM', name: '交通银行', cnaps: '301', aliases: ['交行'] },
  { category: 'CITIC', name: '中信银行', cnaps: '302', aliases: ['中信'] },
  { category: 'CEB', name: '中国光大银行', cnaps: '303', aliases: ['光大银行', '光大'] },
  { category: 'HXB', name: '华夏银行', cnaps: '304', aliases: ['华夏'] },
  { category: 'CMBC', name: '中国民生银行', cnaps: '305', aliases: ['民生银行', '民生'] },
  { category: 'CGB', name: '广发银行', cnaps: '306', aliases: ['广发'] },
  { category: 'PAB', name: '平安银行', cnaps: '307', aliases: ['平安'] },
  { category: 'CMB', name: '招商银行', cnaps: '308', aliases: ['招行'] },
  { category: 'CIB', name: '兴业银行', cnaps: '309', aliases: ['兴业'] },
  { category: 'SPDB', name: '上海浦东发展银行', cnaps: '310', aliases: ['浦发银行', '浦发'] },
  { category: 'PSBC', name: '中国邮政储蓄银行', cnaps: '403', aliases: ['邮储银行', '邮储', '邮政'] },
];

/** Cities by province, each with its CNAPS city code and the districts and streets branches are named after. */
const CITIES: { city: string; code: string; places: string[] }[] = [
  {
    city: '福州',
    code: '3910',
    places: ['五一', '鼓楼', '台江', '仓山', '晋安', '马尾', '东街', '五四路', '华林', '湖东', '西湖', '金山', '洪山', '南门', '屏山'],
  },
  { city: '厦门', code: '3930', places: ['思明', '湖里', '集美', '海沧', '同安', '翔安', '中山路', '湖滨南路', '莲前', '嘉禾', '禾祥西路', '鹭江'] },
  { city: '泉州', code: '3970', places: ['丰泽', '鲤城', '洛江', '晋江', '石狮', '南安', '温陵', '刺桐', '田安路', '泉秀', '东海', '浦西'] },
  { city: '漳州', code: '3990', places: ['芗城', '龙文', '胜利', '延安路', '新华', '元光', '碧湖', '角美', '龙海', '九龙江'] },
  { city: '杭州', code: '3310', places: ['西湖', '上城', '拱墅', '滨江', '萧山', '余杭', '钱江', '武林', '文三路', '庆春', '湖滨', '城西'] },
  { city: '宁波', code: '3320', places: ['海曙', '江北', '鄞州', '北仑', '镇海', '天一', '中山东路', '东门', '南门', '慈溪', '余姚'] },
  { city: '南京', code: '3010', places: ['鼓楼', '玄武', '秦淮', '建邺', '江宁', '新街口', '中山路', '河西', '仙林', '浦口', '栖霞'] },
  { city: '苏州', code: '3050', places: ['姑苏', '工业园区', '吴中', '相城', '高新区', '观前', '石路', '昆山', '常熟', '吴江'] },
  { city: '广州', code: '5810', places: ['天河', '越秀', '海珠', '荔湾', '白云', '番禺', '黄埔', '东山', '环市东', '北京路', '珠江新城'] },
  { city: '深圳', code: '5840', places: ['福田', '罗湖', '南山', '宝安', '龙岗', '华强北', '蛇口', '科技园', '深南中路', '前海'] },
  { city: '成都', code: '6510', places: ['锦江', '青羊', '金牛', '武侯', '成华', '高新', '春熙路', '天府', '人民南路', '双流'] },
  { city: '西安', code: '7910', places: ['雁塔', '碑林', '新城', '莲湖', '未央', '高新', '曲江', '南大街', '钟楼', '长安'] },
  { city: '武汉', code: '5210', places: ['江汉', '江岸', '武昌', '汉阳', '洪山', '光谷', '汉口', '徐东', '中南路', '青山'] },
  { city: '长沙', code: '5510', places: ['芙蓉', '天心', '岳麓', '开福', '雨花', '五一大道', '河西', '星沙', '东塘'] },
];

/** Each bank has this many 支行 per city, besides its 分行营业部. */
const BRANCHES_PER_CITY = 3;

/** A check digit over the first eleven digits, so codes look and behave like real ones. */
function checkDigit(digits: string): string {
  const sum = [...digits].reduce((n, d, i) => n + Number(d) * (i % 2 === 0 ? 3 : 7), 0);
  return String((10 - (sum % 10)) % 10);
}

function generate() {
  const branches = [];
  for (const [b, bank] of BANKS.entries()) {
    for (const [c, { city, code, places }] of CITIES.entries()) {
      // Banks pick different streets in the same city: start each at its own offset.
      const picked = Array.from({ length: BRANCHES_PER_CITY }, (_, i) => places[(b * 2 + c + i * 4) % places.length]);
      const locals = [`${city}分行营业部`, ...[...new Set(picked)].map((place) => `${city}${place}支行`)];
      for (const [i, local] of locals.entries()) {
        const first11 = `${bank.cnaps}${code}${String(i + 1).padStart(4, '0')}`;
        const name = bank.name + local;
        branches.push({
          code: first11 + checkDigit(first11),
          bankCategory: bank.category,
          name,
          city,
          local,
          initials: initialsOf(name),
          localInitials: initialsOf(local),
        });
      }
    }
  }
  return {
    generatedBy: 'scripts/generate-bank-branches.ts',
    banks: BANKS.map(({ category, name, aliases }) => ({
      category,
      name,
      aliases,
      aliasInitials: [...new Set([category.toLowerCase(), initialsOf(name), ...aliases.map(initialsOf)])],
    })),
    branches,
  };
}

const file = path.resolve(import.meta.dirname, '../templates/bank-branches.json');
const data = generate();
// One bank or branch per line: a regenerated file diffs by branch.
const lines = (items: object[]) => items.map((item) => `  ${JSON.stringify(item)}`).join(',\n');
writeFileSync(
  file,
  `{\n"generatedBy": ${JSON.stringify(data.generatedBy)},\n"banks": [\n${lines(data.banks)}\n],\n"branches": [\n${lines(data.branches)}\n]\n}\n`,
);
process.stdout.write(`${data.branches.length} branches of ${data.banks.length} banks → ${path.relative(process.cwd(), file)}\n`);
