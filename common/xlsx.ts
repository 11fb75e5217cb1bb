/** The content type of the workbooks the hall serves (templates, exports) and takes (batch uploads). */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
