" KL Lens: files ending in .kl are KL documents.
autocmd BufRead,BufNewFile *.kl setfiletype kl
