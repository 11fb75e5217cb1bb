/** Deterministic generators of realistic people for the demo and test data. */
import { idNumberCheckChar } from '@common/validators/id-number';

// Packed lists, one screen rather than one entry a line.
// prettier-ignore
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
  '钟',
  '谭',
  '陆',
  '汪',
  '范',
  '金',
  '欧阳',
  '司马',
];
// prettier-ignore
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '晓燕',
  '海燕',
  '俊',
  '婷',
  '宇',
  '浩然',
  '子涵',
  '欣怡',
  '梓轩',
  '雨桐',
  '思远',
  '佳怡',
  '文博',
  '一鸣',
  '晨曦',
  '嘉怡',
  '若曦',
  '宏伟',
  '丽娟',
  '国平',
  '秋菊',
  '春生',
  '德华',
  '建国',
  '玉兰',
  '振华',
  '慧敏',
  '志明',
  '晓东',
  '立新',
  '雪梅',
  '鹏',
  '颖',
  '琳',
  '斌',
  '凯',
  '辉',
  '蕾',
  '倩',
  '瑶',
  '璐',
  '昊天',
  '梦琪',
  '诗涵',
];
/** Real county-level area codes, most in Fujian where the demo units are. */
// prettier-ignore
const AREA_CODES = [
  '350102',
  '350103',
  '350104',
  '350105',
  '350111',
  '350121',
  '350181',
  '350203',
  '350205',
  '350206',
  '350211',
  '350212',
  '350302',
  '350502',
  '350582',
  '350602',
  '350702',
  '110105',
  '310104',
  '440305',
  '330106',
  '320102',
  '510104',
  '420102',
  '430102',
  '360102',
  '370102',
  '410105',
  '450102',
  '610113',
];

/** mulberry32: a small seeded PRNG so the demo data is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedPerson {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  mobile: string;
}

export class PersonGenerator {
  private readonly used = new Set<string>();

  constructor(private readonly random: () => number) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  next(): GeneratedPerson {
    for (;;) {
      const year = this.int(1966, 2004);
      const month = this.int(1, 12);
      const day = this.int(1, 28);
      const sequence = this.int(0, 999);
      const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
      const first17 = `${this.pick(AREA_CODES)}${birth}${String(sequence).padStart(3, '0')}`;
      const idNumber = first17 + idNumberCheckChar(first17);
      if (this.used.has(idNumber)) continue;
      this.used.add(idNumber);
      return {
        idNumber,
        name: this.pick(SURNAMES) + this.pick(GIVEN),
        sex: sequence % 2 === 1 ? 'male' : 'female',
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
        mobile: `1${this.pick(['3', '5', '7', '8', '9'])}${String(this.int(0, 999999999)).padStart(9, '0')}`,
      };
    }
  }
}
