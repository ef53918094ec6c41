-- Infra YAML in Neovim 0.7 and later, without plugins: put this in init.lua.
-- Needs infra-yaml-language-server on PATH (npm install -g infra-yaml).
local cmd = { 'infra-yaml-language-server', '--stdio' }

-- *.infra.yaml / *.infra.yml get their own filetype (YAML highlighting kept).
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = { '*.infra.yaml', '*.infra.yml' },
  callback = function(args) vim.bo[args.buf].filetype = 'infra-yaml' end,
})

-- The project root: the nearest directory with .git, else the file's directory.
local function root_dir(bufnr)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  local git = vim.fn.finddir('.git', dir .. ';')
  return git ~= '' and vim.fn.fnamemodify(git, ':p:h:h') or dir
end

local clients = {} -- root -> client id (Neovim 0.7, which has no vim.lsp.start)
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'infra-yaml',
  callback = function(args)
    vim.bo[args.buf].syntax = 'yaml'
    local root = root_dir(args.buf)
    local config = { name = 'infra-yaml', cmd = cmd, root_dir = root }
    if vim.lsp.start then -- 0.8 and later: reuses a running client for the same root
      vim.lsp.start(config)
    else
      clients[root] = clients[root] or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, clients[root])
    end
  end,
})
